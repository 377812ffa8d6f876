// dev.hestyle.backend.openfhe.jni.NativeCiphertext: one CKKS ciphertext (immutable once made), in and
// out of hestyle's own encoding (encoding.h). Decoded ciphertexts are rebuilt over the receiving
// context's own moduli and carry no OpenFHE key tag until an evaluator or decryptor binds them.
#include <cmath>

#include "dev_hestyle_backend_openfhe_jni_NativeCiphertext.h"
#include "encoding.h"
#include "hestyle_jni.h"

using namespace hestyle;

namespace hestyle {

jlong newCiphertextHandle(Ciphertext ciphertext) {
    if (!ciphertext) {
        throw std::runtime_error("OpenFHE returned no ciphertext");
    }
    return toHandle(new Ciphertext(std::move(ciphertext)));
}

int32_t levelsLeft(const Ciphertext& ciphertext) {
    int32_t moduli = static_cast<int32_t>(ciphertext->GetElements().front().GetNumOfElements());
    return moduli - static_cast<int32_t>(ciphertext->GetNoiseScaleDeg());
}

double expectedScalingFactor(const ContextState& state, size_t towers, size_t noiseScaleDegree) {
    auto parameters = rnsParameters(state.context);
    size_t moduli = parameters->GetElementParams()->GetParams().size();
    double factor = parameters->GetScalingFactorReal(static_cast<uint32_t>(moduli - towers));
    return noiseScaleDegree == 2 ? factor * factor : factor;
}

void checkCiphertext(const Ciphertext& ciphertext, const ContextState& state) {
    if (!ciphertext || ciphertext->GetCryptoContext() != state.context) {
        throw BadInput("ciphertext was made for other encryption parameters");
    }
    const auto& elements = ciphertext->GetElements();
    if (elements.size() != 2) {
        throw BadInput("ciphertext has " + std::to_string(elements.size()) + " components, expected 2");
    }
    const auto& full = *state.context->GetElementParams();
    size_t towers = elements[0].GetNumOfElements();
    auto params = prefixParams(full, towers);
    for (const auto& element : elements) {
        checkShape(element, *params, "ciphertext");
    }
    size_t degree = ciphertext->GetNoiseScaleDeg();
    if (degree < 1 || degree > 2 || towers < degree) {
        throw BadInput("ciphertext scale degree " + std::to_string(degree) + " with " + std::to_string(towers) + " moduli");
    }
    if (ciphertext->GetLevel() != full.GetParams().size() - towers) {
        throw BadInput("ciphertext level does not match its moduli");
    }
    if (ciphertext->GetSlots() != state.slots || ciphertext->GetEncodingType() != lbcrypto::CKKS_PACKED_ENCODING) {
        throw BadInput("ciphertext is not a CKKS ciphertext of " + std::to_string(state.slots) + " slots");
    }
    double expected = expectedScalingFactor(state, towers, degree);
    double scale = ciphertext->GetScalingFactor();
    if (!std::isfinite(scale) || std::fabs(scale - expected) > kScaleTolerance * expected) {
        throw BadInput("ciphertext scaling factor is not the one of its level");
    }
}

}  // namespace hestyle

extern "C" {

JNIEXPORT jint JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_level(JNIEnv* env, jclass, jlong handle) {
    return guarded(env, jint{0}, [&] { return static_cast<jint>(levelsLeft(fromHandle<Ciphertext>(handle))); });
}

JNIEXPORT jint JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_towers(JNIEnv* env, jclass, jlong handle) {
    return guarded(env, jint{0}, [&] {
        return static_cast<jint>(fromHandle<Ciphertext>(handle)->GetElements().front().GetNumOfElements());
    });
}

JNIEXPORT jint JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_noiseScaleDegree(JNIEnv* env, jclass,
                                                                                             jlong handle) {
    return guarded(env, jint{0}, [&] { return static_cast<jint>(fromHandle<Ciphertext>(handle)->GetNoiseScaleDeg()); });
}

JNIEXPORT jdouble JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_scalingFactor(JNIEnv* env, jclass,
                                                                                            jlong handle) {
    return guarded(env, jdouble{0}, [&] { return fromHandle<Ciphertext>(handle)->GetScalingFactor(); });
}

JNIEXPORT jstring JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_keyTag(JNIEnv* env, jclass,
                                                                                      jlong handle) {
    return guarded(env, jstring{nullptr}, [&] { return toJavaString(env, fromHandle<Ciphertext>(handle)->GetKeyTag()); });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_copy(JNIEnv* env, jclass, jlong handle) {
    // Ciphertexts are never modified after creation, so a copy can share the object.
    return guarded(env, jlong{0}, [&] { return newCiphertextHandle(fromHandle<Ciphertext>(handle)); });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_withKeyTag(JNIEnv* env, jclass,
                                                                                        jlong handle, jstring tag) {
    return guarded(env, jlong{0}, [&] {
        const char* chars = env->GetStringUTFChars(tag, nullptr);
        if (chars == nullptr) {
            throw JavaPending();
        }
        std::string keyTag(chars);
        env->ReleaseStringUTFChars(tag, chars);
        auto bound = std::make_shared<lbcrypto::CiphertextImpl<Element>>(*fromHandle<Ciphertext>(handle));
        bound->SetKeyTag(keyTag);
        return newCiphertextHandle(std::move(bound));
    });
}

JNIEXPORT jbyteArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_export(JNIEnv* env, jclass,
                                                                                         jlong handle, jint header) {
    return guarded(env, jbyteArray{nullptr}, [&] {
        const auto& elements = fromHandle<Ciphertext>(handle)->GetElements();
        if (elements.size() != 2) {
            throw std::runtime_error("ciphertext has " + std::to_string(elements.size()) + " components");
        }
        return exportPolys(env, {&elements[0], &elements[1]}, header);
    });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_build(JNIEnv* env, jclass, jlong context,
                                                                                   jbyteArray bytes, jint offset,
                                                                                   jint towers, jint noiseScaleDegree,
                                                                                   jdouble scalingFactor) {
    return guarded(env, jlong{0}, [&] {
        const ContextState& state = *fromHandle<std::shared_ptr<ContextState>>(context);
        const auto& full = *state.context->GetElementParams();
        if (towers < 1 || static_cast<size_t>(towers) > full.GetParams().size() || offset < 0) {
            throw BadInput("ciphertext with " + std::to_string(towers) + " moduli");
        }
        auto params = prefixParams(full, static_cast<size_t>(towers));
        size_t at = static_cast<size_t>(offset);
        std::vector<Element> elements;
        elements.push_back(readPoly(env, bytes, at, params));
        elements.push_back(readPoly(env, bytes, at, params));
        if (at != static_cast<size_t>(env->GetArrayLength(bytes))) {
            throw BadInput("trailing bytes after the ciphertext");
        }
        // The key tag stays empty: it is the receiver's to choose (see NativeCiphertext.withKeyTag).
        auto ciphertext = std::make_shared<lbcrypto::CiphertextImpl<Element>>(state.context, "",
                                                                              lbcrypto::CKKS_PACKED_ENCODING);
        ciphertext->SetElements(std::move(elements));
        ciphertext->SetLevel(full.GetParams().size() - static_cast<size_t>(towers));
        ciphertext->SetNoiseScaleDeg(static_cast<size_t>(noiseScaleDegree));
        ciphertext->SetScalingFactor(scalingFactor);
        ciphertext->SetSlots(state.slots);
        checkCiphertext(ciphertext, state);
        return newCiphertextHandle(std::move(ciphertext));
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_close(JNIEnv* env, jclass, jlong handle) {
    guardedVoid(env, [&] { delete &fromHandle<Ciphertext>(handle); });
}

}  // extern "C"
