// dev.hestyle.backend.openfhe.jni.NativeEvalKeys: public, relinearisation, rotation and bootstrapping
// keys of one key set, with their serialization one key at a time.
#include "dev_hestyle_backend_openfhe_jni_NativeEvalKeys.h"
#include "hestyle_jni.h"
#include "serialization.h"

using namespace hestyle;

namespace {

/** How many live states registered each tag in OpenFHE's maps; guarded by registryLock(). */
std::map<std::string, int>& registrations() {
    static std::map<std::string, int> counts;
    return counts;
}

std::shared_ptr<EvalKeysState>& state(jlong handle) {
    return fromHandle<std::shared_ptr<EvalKeysState>>(handle);
}

/** Mutable access for deserialization, which only happens before registration. */
EvalKeysState& unsealed(jlong handle) {
    EvalKeysState& keys = *state(handle);
    if (keys.registered) {
        throw BadInput("keys are already in use");
    }
    return keys;
}

template <typename Key>
void checkBelongs(const Key& key, const EvalKeysState& keys, const char* what) {
    if (key->GetCryptoContext() != keys.context->context) {
        throw BadInput(std::string(what) + " was made for other encryption parameters");
    }
    if (key->GetKeyTag() != keys.tag) {
        throw BadInput(std::string(what) + " belongs to another key set");
    }
}

}  // namespace

namespace hestyle {

void EvalKeysState::registerKeys() {
    // Another state of the same key set may have registered the (identical) relinearisation key
    // already; OpenFHE refuses to replace it, while rotation keys are merged.
    auto& allMultKeys = lbcrypto::CryptoContextImpl<Element>::GetAllEvalMultKeys();
    if (!multKeys.empty() && allMultKeys.find(tag) == allMultKeys.end()) {
        lbcrypto::CryptoContextImpl<Element>::InsertEvalMultKey(multKeys, tag);
    }
    if (!automorphismKeys.empty()) {
        lbcrypto::CryptoContextImpl<Element>::InsertEvalAutomorphismKey(
            std::make_shared<std::map<uint32_t, EvalKey>>(automorphismKeys), tag);
    }
    ++registrations()[tag];
    registered = true;
}

EvalKeysState::~EvalKeysState() {
    if (!registered) {
        return;
    }
    try {
        std::unique_lock<std::shared_mutex> registry(registryLock());
        auto found = registrations().find(tag);
        if (found != registrations().end() && --found->second == 0) {
            registrations().erase(found);
            lbcrypto::CryptoContextImpl<Element>::ClearEvalMultKeys(tag);
            lbcrypto::CryptoContextImpl<Element>::ClearEvalAutomorphismKeys(tag);
        }
    } catch (...) {
        // a destructor must not throw; at worst the keys stay in OpenFHE's maps
    }
}

}  // namespace hestyle

extern "C" {

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_create(JNIEnv* env, jclass, jlong context,
                                                                                  jstring tag) {
    return guarded(env, jlong{0}, [&] {
        auto keys = std::make_shared<EvalKeysState>();
        keys->context = fromHandle<std::shared_ptr<ContextState>>(context);
        const char* chars = env->GetStringUTFChars(tag, nullptr);
        if (chars == nullptr) {
            throw JavaPending();
        }
        keys->tag = chars;
        env->ReleaseStringUTFChars(tag, chars);
        return toHandle(new std::shared_ptr<EvalKeysState>(std::move(keys)));
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_addPublicKey(JNIEnv* env, jclass,
                                                                                        jlong handle, jbyteArray bytes) {
    guardedVoid(env, [&] {
        EvalKeysState& keys = unsealed(handle);
        std::string data = toBytes(env, bytes);
        std::unique_lock<std::shared_mutex> registry(registryLock());
        PublicKey key = deserializePublicKey(data);
        checkBelongs(key, keys, "public key");
        keys.publicKey = key;
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_addMultKey(JNIEnv* env, jclass, jlong handle,
                                                                                      jbyteArray bytes) {
    guardedVoid(env, [&] {
        EvalKeysState& keys = unsealed(handle);
        std::string data = toBytes(env, bytes);
        std::unique_lock<std::shared_mutex> registry(registryLock());
        EvalKey key = deserializeEvalKey(data);
        checkBelongs(key, keys, "relinearisation key");
        keys.multKeys = {key};
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_addAutomorphismKey(JNIEnv* env, jclass,
                                                                                              jlong handle, jint index,
                                                                                              jbyteArray bytes) {
    guardedVoid(env, [&] {
        EvalKeysState& keys = unsealed(handle);
        uint32_t cyclotomicOrder = 2 * keys.context->context->GetRingDimension();
        if (index <= 0 || static_cast<uint32_t>(index) >= cyclotomicOrder || index % 2 == 0) {
            throw BadInput("automorphism index " + std::to_string(index) + " is not an odd number below " +
                           std::to_string(cyclotomicOrder));
        }
        std::string data = toBytes(env, bytes);
        std::unique_lock<std::shared_mutex> registry(registryLock());
        EvalKey key = deserializeEvalKey(data);
        checkBelongs(key, keys, "rotation key");
        keys.automorphismKeys[static_cast<uint32_t>(index)] = key;
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_seal(JNIEnv* env, jclass, jlong handle) {
    guardedVoid(env, [&] {
        EvalKeysState& keys = unsealed(handle);
        std::unique_lock<std::shared_mutex> registry(registryLock());
        keys.registerKeys();
    });
}

JNIEXPORT jstring JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_keyTag(JNIEnv* env, jclass,
                                                                                    jlong handle) {
    return guarded(env, jstring{nullptr}, [&] { return toJavaString(env, state(handle)->tag); });
}

JNIEXPORT jboolean JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_hasPublicKey(JNIEnv* env, jclass,
                                                                                           jlong handle) {
    return guarded(env, jboolean{JNI_FALSE}, [&] { return state(handle)->publicKey ? JNI_TRUE : JNI_FALSE; });
}

JNIEXPORT jboolean JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_hasMultKey(JNIEnv* env, jclass,
                                                                                         jlong handle) {
    return guarded(env, jboolean{JNI_FALSE}, [&] { return state(handle)->multKeys.empty() ? JNI_FALSE : JNI_TRUE; });
}

JNIEXPORT jintArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_automorphismIndices(JNIEnv* env, jclass,
                                                                                                   jlong handle) {
    return guarded(env, jintArray{nullptr}, [&] {
        std::vector<int32_t> indices;
        for (const auto& entry : state(handle)->automorphismKeys) {
            indices.push_back(static_cast<int32_t>(entry.first));
        }
        return toJava(env, indices);
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_serializePublicKey(JNIEnv* env, jclass,
                                                                                                   jlong handle) {
    return guarded(env, jbyteArray{nullptr}, [&] {
        const EvalKeysState& keys = *state(handle);
        if (!keys.publicKey) {
            throw BadInput("no public key");
        }
        return toJava(env, serialize(keys.publicKey));
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_serializeMultKey(JNIEnv* env, jclass,
                                                                                                 jlong handle) {
    return guarded(env, jbyteArray{nullptr}, [&] {
        const EvalKeysState& keys = *state(handle);
        if (keys.multKeys.empty()) {
            throw BadInput("no relinearisation key");
        }
        return toJava(env, serialize(keys.multKeys.front()));
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_serializeAutomorphismKey(
    JNIEnv* env, jclass, jlong handle, jint index) {
    return guarded(env, jbyteArray{nullptr}, [&] {
        const EvalKeysState& keys = *state(handle);
        auto found = keys.automorphismKeys.find(static_cast<uint32_t>(index));
        if (found == keys.automorphismKeys.end()) {
            throw BadInput("no key for automorphism " + std::to_string(index));
        }
        return toJava(env, serialize(found->second));
    });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_serializedSize(JNIEnv* env, jclass,
                                                                                          jlong handle) {
    return guarded(env, jlong{0}, [&] {
        const EvalKeysState& keys = *state(handle);
        uint64_t total = keys.publicKey ? serializedSize(keys.publicKey) : 0;
        for (const auto& key : keys.multKeys) {
            total += serializedSize(key);
        }
        for (const auto& entry : keys.automorphismKeys) {
            total += serializedSize(entry.second);
        }
        return static_cast<jlong>(total);
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_close(JNIEnv* env, jclass, jlong handle) {
    guardedVoid(env, [&] {
        delete &state(handle);
        releaseFreedMemory();
    });
}

}  // extern "C"
