// dev.hestyle.backend.openfhe.jni.NativeCiphertext: one CKKS ciphertext (immutable once made).
#include "dev_hestyle_backend_openfhe_jni_NativeCiphertext.h"
#include "hestyle_jni.h"
#include "serialization.h"

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

}  // namespace hestyle

namespace {

/** Checks a deserialized ciphertext against the context it is meant for, before anything uses it. */
void validate(const Ciphertext& ciphertext, const ContextState& context, const std::string& expectedTag) {
    if (ciphertext->GetCryptoContext() != context.context) {
        throw BadInput("ciphertext was made for other encryption parameters");
    }
    if (!expectedTag.empty() && ciphertext->GetKeyTag() != expectedTag) {
        throw BadInput("ciphertext belongs to another key set");
    }
    const auto& elements = ciphertext->GetElements();
    if (elements.size() != 2) {
        throw BadInput("ciphertext has " + std::to_string(elements.size()) + " components, expected 2");
    }
    const auto& moduli = context.context->GetElementParams()->GetParams();
    for (const auto& element : elements) {
        const auto& towers = element.GetAllElements();
        if (towers.empty() || towers.size() > moduli.size()) {
            throw BadInput("ciphertext has " + std::to_string(towers.size()) + " moduli");
        }
        if (element.GetRingDimension() != context.context->GetRingDimension()) {
            throw BadInput("ciphertext ring dimension does not match");
        }
        if (element.GetFormat() != Format::EVALUATION) {
            throw BadInput("ciphertext is not in evaluation format");
        }
        for (size_t i = 0; i < towers.size(); ++i) {
            if (towers[i].GetModulus() != moduli[i]->GetModulus() ||
                towers[i].GetLength() != context.context->GetRingDimension()) {
                throw BadInput("ciphertext modulus chain does not match the parameters");
            }
        }
    }
    if (elements[0].GetNumOfElements() != elements[1].GetNumOfElements()) {
        throw BadInput("ciphertext components disagree");
    }
    if (ciphertext->GetNoiseScaleDeg() < 1 || ciphertext->GetNoiseScaleDeg() > 2) {
        throw BadInput("ciphertext scale degree " + std::to_string(ciphertext->GetNoiseScaleDeg()));
    }
    if (ciphertext->GetSlots() != context.slots) {
        throw BadInput("ciphertext has " + std::to_string(ciphertext->GetSlots()) + " slots, expected " +
                       std::to_string(context.slots));
    }
    if (ciphertext->GetEncodingType() != lbcrypto::CKKS_PACKED_ENCODING) {
        throw BadInput("not a CKKS ciphertext");
    }
    double scale = ciphertext->GetScalingFactor();
    if (!(scale > 1.0) || !std::isfinite(scale)) {
        throw BadInput("ciphertext scaling factor is invalid");
    }
}

}  // namespace

extern "C" {

JNIEXPORT jint JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_level(JNIEnv* env, jclass, jlong handle) {
    return guarded(env, jint{0}, [&] { return static_cast<jint>(levelsLeft(fromHandle<Ciphertext>(handle))); });
}

JNIEXPORT jstring JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_keyTag(JNIEnv* env, jclass,
                                                                                      jlong handle) {
    return guarded(env, jstring{nullptr}, [&] { return toJavaString(env, fromHandle<Ciphertext>(handle)->GetKeyTag()); });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_copy(JNIEnv* env, jclass, jlong handle) {
    // Ciphertexts are never modified after creation, so a copy can share the object.
    return guarded(env, jlong{0}, [&] { return newCiphertextHandle(fromHandle<Ciphertext>(handle)); });
}

JNIEXPORT jbyteArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_serialize(JNIEnv* env, jclass,
                                                                                            jlong handle) {
    return guarded(env, jbyteArray{nullptr}, [&] { return toJava(env, serialize(fromHandle<Ciphertext>(handle))); });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_deserialize(JNIEnv* env, jclass,
                                                                                         jlong context, jbyteArray bytes,
                                                                                         jstring expectedTag) {
    return guarded(env, jlong{0}, [&] {
        const ContextState& state = *fromHandle<std::shared_ptr<ContextState>>(context);
        std::string data = toBytes(env, bytes);
        const char* chars = env->GetStringUTFChars(expectedTag, nullptr);
        if (chars == nullptr) {
            throw JavaPending();
        }
        std::string tag(chars);
        env->ReleaseStringUTFChars(expectedTag, chars);
        Ciphertext ciphertext;
        {
            std::unique_lock<std::shared_mutex> registry(registryLock());
            ciphertext = deserializeCiphertext(data);
        }
        validate(ciphertext, state, tag);
        return newCiphertextHandle(std::move(ciphertext));
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeCiphertext_close(JNIEnv* env, jclass, jlong handle) {
    guardedVoid(env, [&] { delete &fromHandle<Ciphertext>(handle); });
}

}  // extern "C"
