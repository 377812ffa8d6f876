// dev.hestyle.backend.openfhe.jni.NativeEvaluator: homomorphic operations with evaluation keys only.
// Every operation holds registryLock() shared: OpenFHE looks the keys up in its global maps, which
// only change under the exclusive lock. Operations never modify their inputs.
#include "dev_hestyle_backend_openfhe_jni_NativeEvaluator.h"
#include "hestyle_jni.h"

using namespace hestyle;

namespace {

struct EvaluatorState {
    std::shared_ptr<ContextState> context;
    std::shared_ptr<EvalKeysState> keys;  // keeps the keys registered while the evaluator lives
};

EvaluatorState& state(jlong handle) {
    return fromHandle<EvaluatorState>(handle);
}

const Ciphertext& ct(jlong handle) {
    return fromHandle<Ciphertext>(handle);
}

/** Runs one operation under the shared registry lock and wraps its result in a new handle. */
template <typename F>
jlong operation(JNIEnv* env, F&& body) {
    return guarded(env, jlong{0}, [&] {
        Ciphertext result;
        {
            std::shared_lock<std::shared_mutex> registry(registryLock());
            result = body();
        }
        return newCiphertextHandle(std::move(result));
    });
}

/** A plaintext at the ciphertext's level, so that it carries no more moduli than needed. */
lbcrypto::Plaintext encode(const EvaluatorState& evaluator, JNIEnv* env, jdoubleArray values, const Ciphertext& at) {
    std::vector<double> slots = toVector(env, values);
    slots.resize(evaluator.context->slots, 0.0);
    return evaluator.context->context->MakeCKKSPackedPlaintext(slots, 1, at->GetLevel(), nullptr,
                                                                evaluator.context->slots);
}

}  // namespace

extern "C" {

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_create(JNIEnv* env, jclass, jlong context,
                                                                                   jlong evalKeys) {
    return guarded(env, jlong{0}, [&] {
        auto created = std::make_unique<EvaluatorState>();
        created->context = fromHandle<std::shared_ptr<ContextState>>(context);
        created->keys = fromHandle<std::shared_ptr<EvalKeysState>>(evalKeys);
        if (!created->keys->registered) {
            throw BadInput("evaluation keys are incomplete");
        }
        prepareBootstrapping(*created->context, BootstrapUse::EVALUATION);
        return toHandle(created.release());
    });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_add(JNIEnv* env, jclass, jlong handle,
                                                                                jlong a, jlong b) {
    return operation(env, [&] { return state(handle).context->context->EvalAdd(ct(a), ct(b)); });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_sub(JNIEnv* env, jclass, jlong handle,
                                                                                jlong a, jlong b) {
    return operation(env, [&] { return state(handle).context->context->EvalSub(ct(a), ct(b)); });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_addConst(JNIEnv* env, jclass, jlong handle,
                                                                                     jlong a, jdouble constant) {
    return operation(env, [&] { return state(handle).context->context->EvalAdd(ct(a), constant); });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_addPlain(JNIEnv* env, jclass, jlong handle,
                                                                                     jlong a, jdoubleArray values) {
    return operation(env, [&] {
        const EvaluatorState& evaluator = state(handle);
        lbcrypto::Plaintext plaintext = encode(evaluator, env, values, ct(a));
        return evaluator.context->context->EvalAdd(ct(a), plaintext);
    });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_mulConst(JNIEnv* env, jclass, jlong handle,
                                                                                     jlong a, jdouble constant) {
    return operation(env, [&] { return state(handle).context->context->EvalMult(ct(a), constant); });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_mulPlain(JNIEnv* env, jclass, jlong handle,
                                                                                     jlong a, jdoubleArray values) {
    return operation(env, [&] {
        const EvaluatorState& evaluator = state(handle);
        lbcrypto::Plaintext plaintext = encode(evaluator, env, values, ct(a));
        return evaluator.context->context->EvalMult(ct(a), plaintext);
    });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_rescale(JNIEnv* env, jclass, jlong handle,
                                                                                    jlong a) {
    // What FLEXIBLEAUTO does at the start of every product, done once so that many products can share it.
    return operation(env, [&] {
        const Ciphertext& input = ct(a);
        if (input->GetNoiseScaleDeg() < 2) {
            throw BadInput("the ciphertext is already rescaled");
        }
        return state(handle).context->context->GetScheme()->ModReduceInternal(input, 1);
    });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_mul(JNIEnv* env, jclass, jlong handle,
                                                                                jlong a, jlong b) {
    return operation(env, [&] { return state(handle).context->context->EvalMult(ct(a), ct(b)); });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_rotate(JNIEnv* env, jclass, jlong handle,
                                                                                   jlong a, jint rotation) {
    return operation(env, [&] { return state(handle).context->context->EvalRotate(ct(a), rotation); });
}

JNIEXPORT jlongArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_rotateHoisted(JNIEnv* env, jclass,
                                                                                               jlong handle, jlong a,
                                                                                               jintArray rotations) {
    return guarded(env, jlongArray{nullptr}, [&] {
        const Context& context = state(handle).context->context;
        std::vector<int32_t> indices = toVector(env, rotations);
        std::vector<Ciphertext> rotated;
        rotated.reserve(indices.size());
        {
            std::shared_lock<std::shared_mutex> registry(registryLock());
            auto digits = context->EvalFastRotationPrecompute(ct(a));
            uint32_t cyclotomicOrder = 2 * context->GetRingDimension();
            for (int32_t index : indices) {
                rotated.push_back(context->EvalFastRotation(ct(a), static_cast<uint32_t>(index), cyclotomicOrder, digits));
            }
        }
        std::vector<jlong> handles;
        handles.reserve(rotated.size());
        try {
            for (auto& ciphertext : rotated) {
                handles.push_back(newCiphertextHandle(std::move(ciphertext)));
            }
            return toJava(env, handles);
        } catch (...) {
            for (jlong made : handles) {
                delete &fromHandle<Ciphertext>(made);
            }
            throw;
        }
    });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_bootstrap(JNIEnv* env, jclass, jlong handle,
                                                                                      jlong a) {
    return operation(env, [&] { return state(handle).context->context->EvalBootstrap(ct(a)); });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeEvaluator_close(JNIEnv* env, jclass, jlong handle) {
    guardedVoid(env, [&] { delete &state(handle); });
}

}  // extern "C"
