package dev.hestyle.cli.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.cli.client.KeyUploader;
import dev.hestyle.cli.client.RemoteEvaluation;
import dev.hestyle.cli.client.RemoteException;
import dev.hestyle.cli.client.ServerApi;
import dev.hestyle.cli.client.ServerKey;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.tensor.Tensor;
import dev.hestyle.wire.Header;
import dev.hestyle.wire.Sections;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One client cannot replace, poison or use a key set that another uploaded: the server names key sets by
 * the SHA-256 of their bytes, and only an uploader's token lets a client use one.
 */
@Timeout(60)
class TenantIsolationTest {
    private static InProcessServer server;
    private static StyleTransfer clientSide;
    private static Client victim;
    private static Client attacker;
    private static ServerApi api;
    private static Tensor input;

    @BeforeAll
    static void start() throws Exception {
        server = new InProcessServer(Mode.CLIENT_AIDED, 2, 4, 1 << 20, 1 << 20);
        clientSide = InProcessServer.compile(Mode.CLIENT_AIDED);
        victim = clientSide.compiled().newClient();
        attacker = clientSide.compiled().newClient();
        api = new ServerApi(server.base);
        input = InProcessServer.input(clientSide);
    }

    @AfterAll
    static void stop() {
        InProcessServer.closeAll(victim, attacker, clientSide, server);
    }

    @Test
    void theKeyIdIsTheDigestOfTheKeysAndTheSameBytesGetTheSameId() throws Exception {
        byte[] bytes = bytesOf(victim);
        ServerKey first = InProcessServer.upload(api, victim);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), first.id());
        ServerKey again = InProcessServer.upload(api, victim);
        assertEquals(first.id(), again.id(), "identical bytes map to the same id");
        assertNotEquals(first.token(), again.token(), "each uploader has a token of its own");
        assertTrue(api.hasKeys(first) && api.hasKeys(again));
        assertNotEquals(first.id(), InProcessServer.upload(api, attacker).id());
    }

    @Test
    void keysThatClaimAnotherSetsIdNeitherReplaceNorPoisonIt() throws Exception {
        ServerKey mine = InProcessServer.upload(api, victim);
        // an empty key set that carries the victim's key id in its header and its body: it parses fine
        byte[] forged = emptyKeySetClaiming(bytesOf(victim));
        ServerKey theirs = uploadBytes(forged);
        assertNotEquals(mine.id(), theirs.id(), "other bytes never take an existing id");
        assertFalse(api.hasKeys(new ServerKey(mine.id(), theirs.token())), "the forger's token does not open the victim's set");
        // the victim's set is unchanged: its evaluation still gives the one-process result
        try (Client fresh = clientSide.compiled().readClient(new ByteArrayInputStream(secretOf(victim)))) {
            assertArrayEquals(InProcessServer.oneProcess(clientSide, input).data(), remote(fresh, mine).data());
        }
    }

    @Test
    void aKeySetCannotBeUsedWithoutItsUploadersToken() throws Exception {
        ServerKey mine = InProcessServer.upload(api, victim);
        ServerKey theirs = InProcessServer.upload(api, attacker);
        byte[] ct;
        try (Ciphertext c = victim.encrypt(input)) {
            ct = c.toBytes();
        }
        for (String token : new String[] {theirs.token(), "", "0".repeat(32)}) {
            ServerKey stolen = new ServerKey(mine.id(), token);
            RemoteException e = assertThrows(RemoteException.class, () -> api.startSession(stolen, ct));
            assertEquals("UNKNOWN_KEY", e.reason());
            assertEquals(404, e.status());
            assertFalse(api.hasKeys(stolen));
        }
        // no Authorization header at all
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.base.resolve("/v1/sessions?key=" + mine.id()))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(ct)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode(), r.body());
        assertTrue(r.body().contains("UNKNOWN_KEY"), r.body());
    }

    @Test
    void aRememberedKeyIsReusedOnlyWhileItsTokenWorks() {
        KeyUploader uploader = new KeyUploader(api);
        ServerKey mine = InProcessServer.upload(api, victim);
        ServerKey reused = uploader.ensure(mine, victim.evaluationKeys().byteSize(), victim.evaluationKeys()::writeTo, ProgressListener.NONE);
        assertEquals(mine.token(), reused.token(), "no new upload: the same token comes back");
        ServerKey bad = new ServerKey(mine.id(), "f".repeat(32));
        ServerKey renewed = uploader.ensure(bad, victim.evaluationKeys().byteSize(), victim.evaluationKeys()::writeTo, ProgressListener.NONE);
        assertEquals(mine.id(), renewed.id());
        assertNotEquals(bad.token(), renewed.token(), "uploaded again for a fresh token");
        ServerKey otherKeys = uploader.ensure(InProcessServer.upload(api, attacker), victim.evaluationKeys().byteSize(),
                victim.evaluationKeys()::writeTo, ProgressListener.NONE);
        assertEquals(mine.id(), otherKeys.id(), "a remembered key of other bytes is not reused");
    }

    /** The victim's keys with every rotation key dropped, as the simulated backend describes its keys. */
    private static byte[] emptyKeySetClaiming(byte[] victimKeys) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(victimKeys));
        Header h = Header.read(in);
        DataInputStream body = new DataInputStream(new ByteArrayInputStream(Sections.read(in, 1 << 20)));
        ByteArrayOutputStream forgedBody = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(forgedBody);
        b.writeUTF(body.readUTF()); // key id
        b.writeUTF(body.readUTF()); // parameter set
        b.writeBoolean(body.readBoolean()); // relinearisation
        b.writeBoolean(body.readBoolean()); // bootstrapping
        b.writeInt(0); // no rotation keys
        b.flush();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        h.write(d);
        Sections.write(d, forgedBody.toByteArray());
        d.flush();
        return out.toByteArray();
    }

    private static ServerKey uploadBytes(byte[] bytes) {
        return new KeyUploader(api).ensure(null, bytes.length, o -> o.write(bytes), ProgressListener.NONE);
    }

    private static byte[] bytesOf(Client c) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        c.evaluationKeys().writeTo(b);
        return b.toByteArray();
    }

    /** The client's secret key: restoring from it gives a client as fresh as a new one. */
    private static byte[] secretOf(Client c) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        c.writeSecretKey(b);
        return b.toByteArray();
    }

    private static Tensor remote(Client c, ServerKey key) {
        try (Ciphertext ct = c.encrypt(input); Ciphertext out = new RemoteEvaluation(api, clientSide.compiled()).run(c, key, ct,
                ProgressListener.NONE).output()) {
            return c.decrypt(out);
        }
    }
}
