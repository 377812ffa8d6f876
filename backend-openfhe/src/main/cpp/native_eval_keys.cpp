// dev.hestyle.backend.openfhe.jni.NativeEvalKeys: public, relinearisation, rotation and bootstrapping
// keys of one key set, in and out of hestyle's own encoding (encoding.h) one key at a time.
#include "dev_hestyle_backend_openfhe_jni_NativeEvalKeys.h"
#include "encoding.h"
#include "hestyle_jni.h"

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

/** Mutable access for decoding, which only happens before registration. */
EvalKeysState& unsealed(jlong handle) {
    EvalKeysState& keys = *state(handle);
    if (keys.registered) {
        throw BadInput("keys are already in use");
    }
    return keys;
}

/** Where a key's coefficients start in a Java array, checked. */
size_t start(JNIEnv* env, jbyteArray bytes, jint offset) {
    if (offset < 0 || offset > env->GetArrayLength(bytes)) {
        throw BadInput("key offset outside its bytes");
    }
    return static_cast<size_t>(offset);
}

void end(JNIEnv* env, jbyteArray bytes, size_t at, const char* what) {
    if (at != static_cast<size_t>(env->GetArrayLength(bytes))) {
        throw BadInput(std::string("trailing bytes after the ") + what);
    }
}

/**
 * A hybrid key-switching key of this context: as many digits as the context has partitions of Q, each
 * digit's two polynomials over all moduli Q and P. The tag is the key set's, never the sender's.
 */
EvalKey readSwitchingKey(JNIEnv* env, jbyteArray bytes, jint offset, const EvalKeysState& keys) {
    auto parameters = rnsParameters(keys.context->context);
    auto params = parameters->GetParamsQP();
    size_t digits = parameters->GetNumPartQ();
    size_t at = start(env, bytes, offset);
    std::vector<Element> a;
    std::vector<Element> b;
    for (size_t i = 0; i < digits; ++i) {
        a.push_back(readPoly(env, bytes, at, params));
    }
    for (size_t i = 0; i < digits; ++i) {
        b.push_back(readPoly(env, bytes, at, params));
    }
    end(env, bytes, at, "key-switching key");
    auto key = std::make_shared<lbcrypto::EvalKeyRelinImpl<Element>>(keys.context->context);
    key->SetKeyTag(keys.tag);
    key->SetAVector(std::move(a));
    key->SetBVector(std::move(b));
    return key;
}

/** Every digit's polynomials A then B; refuses a key not shaped as readSwitchingKey expects. */
jbyteArray exportSwitchingKey(JNIEnv* env, const EvalKey& key, const EvalKeysState& keys, jint header) {
    auto parameters = rnsParameters(keys.context->context);
    const auto& a = key->GetAVector();
    const auto& b = key->GetBVector();
    if (a.size() != parameters->GetNumPartQ() || b.size() != a.size()) {
        throw std::runtime_error("key-switching key with " + std::to_string(a.size()) + " digits");
    }
    std::vector<const Element*> polys;
    for (const auto* part : {&a, &b}) {
        for (const auto& poly : *part) {
            checkShape(poly, *parameters->GetParamsQP(), "key-switching key");
            polys.push_back(&poly);
        }
    }
    return exportPolys(env, polys, header);
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
                                                                                        jlong handle, jbyteArray bytes,
                                                                                        jint offset) {
    guardedVoid(env, [&] {
        EvalKeysState& keys = unsealed(handle);
        auto params = rnsParameters(keys.context->context)->GetParamsPK();
        size_t at = start(env, bytes, offset);
        std::vector<Element> elements;
        elements.push_back(readPoly(env, bytes, at, params));
        elements.push_back(readPoly(env, bytes, at, params));
        end(env, bytes, at, "public key");
        auto key = std::make_shared<lbcrypto::PublicKeyImpl<Element>>(keys.context->context, keys.tag);
        key->SetPublicElements(std::move(elements));
        keys.publicKey = std::move(key);
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_addMultKey(JNIEnv* env, jclass, jlong handle,
                                                                                      jbyteArray bytes, jint offset) {
    guardedVoid(env, [&] {
        EvalKeysState& keys = unsealed(handle);
        keys.multKeys = {readSwitchingKey(env, bytes, offset, keys)};
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_addAutomorphismKey(JNIEnv* env, jclass,
                                                                                              jlong handle, jint index,
                                                                                              jbyteArray bytes, jint offset) {
    guardedVoid(env, [&] {
        EvalKeysState& keys = unsealed(handle);
        uint32_t cyclotomicOrder = 2 * keys.context->context->GetRingDimension();
        if (index <= 0 || static_cast<uint32_t>(index) >= cyclotomicOrder || index % 2 == 0) {
            throw BadInput("automorphism index " + std::to_string(index) + " is not an odd number below " +
                           std::to_string(cyclotomicOrder));
        }
        keys.automorphismKeys[static_cast<uint32_t>(index)] = readSwitchingKey(env, bytes, offset, keys);
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

JNIEXPORT jbyteArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_exportPublicKey(JNIEnv* env, jclass,
                                                                                                jlong handle, jint header) {
    return guarded(env, jbyteArray{nullptr}, [&] {
        const EvalKeysState& keys = *state(handle);
        if (!keys.publicKey) {
            throw BadInput("no public key");
        }
        const auto& elements = keys.publicKey->GetPublicElements();
        auto params = rnsParameters(keys.context->context)->GetParamsPK();
        if (elements.size() != 2) {
            throw std::runtime_error("public key has " + std::to_string(elements.size()) + " components");
        }
        for (const auto& element : elements) {
            checkShape(element, *params, "public key");
        }
        return exportPolys(env, {&elements[0], &elements[1]}, header);
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_exportMultKey(JNIEnv* env, jclass,
                                                                                              jlong handle, jint header) {
    return guarded(env, jbyteArray{nullptr}, [&] {
        const EvalKeysState& keys = *state(handle);
        if (keys.multKeys.empty()) {
            throw BadInput("no relinearisation key");
        }
        return exportSwitchingKey(env, keys.multKeys.front(), keys, header);
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_exportAutomorphismKey(
    JNIEnv* env, jclass, jlong handle, jint index, jint header) {
    return guarded(env, jbyteArray{nullptr}, [&] {
        const EvalKeysState& keys = *state(handle);
        auto found = keys.automorphismKeys.find(static_cast<uint32_t>(index));
        if (found == keys.automorphismKeys.end()) {
            throw BadInput("no key for automorphism " + std::to_string(index));
        }
        return exportSwitchingKey(env, found->second, keys, header);
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvalKeys_close(JNIEnv* env, jclass, jlong handle) {
    guardedVoid(env, [&] {
        delete &state(handle);
        releaseFreedMemory();
    });
}

}  // extern "C"
