// dev.hestyle.backend.openfhe.jni.NativeKeyPair: a secret/public key pair with the evaluation keys
// generated for it, and the client's encryption and decryption.
#include "dev_hestyle_backend_openfhe_jni_NativeKeyPair.h"
#include "hestyle_jni.h"
#include "serialization.h"

using namespace hestyle;

namespace {

struct KeyPairState {
    std::shared_ptr<ContextState> context;
    lbcrypto::KeyPair<Element> keys;
    // Built up by the generate* calls; registered with OpenFHE when first handed out.
    std::shared_ptr<EvalKeysState> evalKeys;

    ~KeyPairState() {
        // Overwrite the secret in place before the memory is returned (best effort: OpenFHE may
        // have made copies while generating keys).
        if (keys.secretKey) {
            const_cast<Element&>(keys.secretKey->GetPrivateElement()).SetValuesToZero();
        }
    }
};

KeyPairState& state(jlong handle) {
    return fromHandle<KeyPairState>(handle);
}

/** Empty evaluation keys (public key only) for a key pair. */
std::shared_ptr<EvalKeysState> evalKeysFor(const KeyPairState& pair) {
    auto keys = std::make_shared<EvalKeysState>();
    keys->context = pair.context;
    keys->tag = pair.keys.secretKey->GetKeyTag();
    keys->publicKey = pair.keys.publicKey;
    return keys;
}

}  // namespace

extern "C" {

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_generate(JNIEnv* env, jclass,
                                                                                   jlong context) {
    return guarded(env, jlong{0}, [&] {
        auto created = std::make_unique<KeyPairState>();
        created->context = fromHandle<std::shared_ptr<ContextState>>(context);
        {
            std::lock_guard<std::mutex> sampling(samplingLock());
            created->keys = created->context->context->KeyGen();
        }
        if (!created->keys.good()) {
            throw std::runtime_error("key generation failed");
        }
        created->evalKeys = evalKeysFor(*created);
        return toHandle(created.release());
    });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_restore(JNIEnv* env, jclass, jlong context,
                                                                                  jbyteArray secretKey,
                                                                                  jbyteArray publicKey) {
    return guarded(env, jlong{0}, [&] {
        auto restored = std::make_unique<KeyPairState>();
        restored->context = fromHandle<std::shared_ptr<ContextState>>(context);
        std::string secretBytes = toBytes(env, secretKey);
        std::string publicBytes = toBytes(env, publicKey);
        try {
            std::unique_lock<std::shared_mutex> registry(registryLock());
            restored->keys.secretKey = deserializePrivateKey(secretBytes);
            restored->keys.publicKey = deserializePublicKey(publicBytes);
        } catch (...) {
            wipe(secretBytes);
            throw;
        }
        wipe(secretBytes);
        if (restored->keys.secretKey->GetCryptoContext() != restored->context->context ||
            restored->keys.publicKey->GetCryptoContext() != restored->context->context) {
            throw BadInput("the key pair was made for other encryption parameters");
        }
        if (restored->keys.secretKey->GetKeyTag() != restored->keys.publicKey->GetKeyTag()) {
            throw BadInput("secret and public key belong to different key sets");
        }
        restored->evalKeys = evalKeysFor(*restored);
        return toHandle(restored.release());
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_serializeSecretKey(JNIEnv* env, jclass,
                                                                                                  jlong handle) {
    return guarded(env, jbyteArray{nullptr}, [&] {
        std::string bytes = serialize(state(handle).keys.secretKey);
        try {
            jbyteArray array = toJava(env, bytes);
            wipe(bytes);
            return array;
        } catch (...) {
            wipe(bytes);
            throw;
        }
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_serializePublicKey(JNIEnv* env, jclass,
                                                                                                  jlong handle) {
    return guarded(env, jbyteArray{nullptr}, [&] { return toJava(env, serialize(state(handle).keys.publicKey)); });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_generateRelinearization(JNIEnv* env, jclass,
                                                                                                  jlong handle) {
    guardedVoid(env, [&] {
        KeyPairState& pair = state(handle);
        // Scheme-level generation leaves OpenFHE's global key maps alone; they are filled at registration.
        std::shared_lock<std::shared_mutex> registry(registryLock());
        std::lock_guard<std::mutex> sampling(samplingLock());
        pair.evalKeys->multKeys = {pair.context->context->GetScheme()->EvalMultKeyGen(pair.keys.secretKey)};
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_generateRotations(JNIEnv* env, jclass,
                                                                                            jlong handle,
                                                                                            jintArray steps) {
    guardedVoid(env, [&] {
        KeyPairState& pair = state(handle);
        std::vector<int32_t> indices = toVector(env, steps);
        if (indices.empty()) {
            return;
        }
        std::shared_lock<std::shared_mutex> registry(registryLock());
        std::lock_guard<std::mutex> sampling(samplingLock());
        auto generated = pair.context->context->GetScheme()->EvalAtIndexKeyGen(nullptr, pair.keys.secretKey, indices);
        for (auto& entry : *generated) {
            pair.evalKeys->automorphismKeys[entry.first] = entry.second;
        }
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_generateBootstrapping(JNIEnv* env, jclass,
                                                                                                jlong handle) {
    guardedVoid(env, [&] {
        KeyPairState& pair = state(handle);
        prepareBootstrapping(*pair.context, BootstrapUse::KEY_GENERATION);
        std::shared_lock<std::shared_mutex> registry(registryLock());
        std::lock_guard<std::mutex> sampling(samplingLock());
        auto generated = pair.context->context->GetScheme()->EvalBootstrapKeyGen(pair.keys.secretKey,
                                                                                 pair.context->slots);
        for (auto& entry : *generated) {
            pair.evalKeys->automorphismKeys[entry.first] = entry.second;
        }
    });
}

JNIEXPORT jintArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_automorphismIndices(JNIEnv* env, jclass,
                                                                                                  jlong handle) {
    return guarded(env, jintArray{nullptr}, [&] {
        std::vector<int32_t> indices;
        for (const auto& entry : state(handle).evalKeys->automorphismKeys) {
            indices.push_back(static_cast<int32_t>(entry.first));
        }
        return toJava(env, indices);
    });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_evalKeys(JNIEnv* env, jclass,
                                                                                   jlong handle) {
    return guarded(env, jlong{0}, [&] {
        KeyPairState& pair = state(handle);
        {
            std::unique_lock<std::shared_mutex> registry(registryLock());
            if (!pair.evalKeys->registered) {
                pair.evalKeys->registerKeys();
            }
        }
        return toHandle(new std::shared_ptr<EvalKeysState>(pair.evalKeys));
    });
}

JNIEXPORT jstring JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_keyTag(JNIEnv* env, jclass,
                                                                                   jlong handle) {
    return guarded(env, jstring{nullptr}, [&] { return toJavaString(env, state(handle).keys.secretKey->GetKeyTag()); });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_encrypt(JNIEnv* env, jclass, jlong handle,
                                                                                  jdoubleArray values) {
    return guarded(env, jlong{0}, [&] {
        KeyPairState& pair = state(handle);
        std::vector<double> slots = toVector(env, values);
        slots.resize(pair.context->slots, 0.0);
        const Context& context = pair.context->context;
        // Encoding reads OpenFHE's FFT tables, which context creation extends.
        std::shared_lock<std::shared_mutex> registry(registryLock());
        lbcrypto::Plaintext plaintext = context->MakeCKKSPackedPlaintext(slots, 1, 0, nullptr, pair.context->slots);
        std::lock_guard<std::mutex> sampling(samplingLock());
        Ciphertext ciphertext = context->Encrypt(pair.keys.publicKey, plaintext);
        return newCiphertextHandle(std::move(ciphertext));
    });
}

JNIEXPORT jdoubleArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_decrypt(JNIEnv* env, jclass,
                                                                                         jlong handle,
                                                                                         jlong ciphertext) {
    return guarded(env, jdoubleArray{nullptr}, [&] {
        KeyPairState& pair = state(handle);
        const Ciphertext& input = fromHandle<Ciphertext>(ciphertext);
        // a result read from elsewhere is checked again here: a wrong scale would decrypt to wrong values
        checkCiphertext(input, *pair.context);
        if (input->GetKeyTag() != pair.keys.secretKey->GetKeyTag()) {
            throw BadInput("ciphertext is not bound to this key set");
        }
        lbcrypto::Plaintext plaintext;
        // Decoding reads OpenFHE's FFT tables, which context creation extends.
        std::shared_lock<std::shared_mutex> registry(registryLock());
        // Over several moduli OpenFHE decrypts by big-integer interpolation, which at the top level costs more than
        // the operations before it. Keeping the first modulus only (a product is rescaled first) gives the same
        // integers: every value the engine accepts fits that modulus at the scale (its range check).
        Ciphertext reduced = input->GetElements().front().GetNumOfElements() > 1
                                 ? pair.context->context->Compress(input, 1)
                                 : input;
        lbcrypto::DecryptResult result =
            pair.context->context->Decrypt(pair.keys.secretKey, reduced, &plaintext);
        if (!result.isValid) {
            throw std::runtime_error("decryption failed");
        }
        plaintext->SetLength(pair.context->slots);
        return toJava(env, plaintext->GetRealPackedValue());
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeKeyPair_close(JNIEnv* env, jclass, jlong handle) {
    guardedVoid(env, [&] {
        delete &state(handle);
        releaseFreedMemory();
    });
}

}  // extern "C"
