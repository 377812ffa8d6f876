// dev.hestyle.backend.openfhe.jni.NativeContext: an OpenFHE CKKS crypto context.
#include <map>
#include <utility>

#include "dev_hestyle_backend_openfhe_jni_NativeContext.h"
#include "encoding.h"
#include "hestyle_jni.h"

using namespace hestyle;

namespace {

/**
 * How far the bootstrapping setup of each OpenFHE context (OpenFHE shares one per parameter set) and
 * slot count has gone: absent, or the last use prepared for.
 */
std::map<std::pair<const void*, uint32_t>, BootstrapUse>& bootstrapPrepared() {
    static std::map<std::pair<const void*, uint32_t>, BootstrapUse> prepared;
    return prepared;
}

const ContextState& context(jlong handle) {
    return *fromHandle<std::shared_ptr<ContextState>>(handle);
}

jlongArray moduli(JNIEnv* env, const std::shared_ptr<ElementParams>& params) {
    std::vector<jlong> values;
    if (params) {
        for (const auto& tower : params->GetParams()) {
            values.push_back(static_cast<jlong>(tower->GetModulus().ConvertToInt<uint64_t>()));
        }
    }
    return toJava(env, values);
}

}  // namespace

namespace hestyle {

void prepareBootstrapping(const ContextState& state, BootstrapUse use) {
    if (!state.bootstrapping) {
        return;
    }
    auto key = std::make_pair(static_cast<const void*>(state.context.get()), state.slots);
    bool plaintexts = use == BootstrapUse::EVALUATION;
    {
        // Usually done already: check under the shared lock, so that a new evaluator does not wait for
        // the exclusive one behind operations (bootstraps hold the shared lock for seconds) in flight.
        std::shared_lock<std::shared_mutex> registry(registryLock());
        auto found = bootstrapPrepared().find(key);
        if (found != bootstrapPrepared().end() && (!plaintexts || found->second == BootstrapUse::EVALUATION)) {
            return;
        }
    }
    std::unique_lock<std::shared_mutex> registry(registryLock());
    auto found = bootstrapPrepared().find(key);
    if (found == bootstrapPrepared().end()) {
        state.context->EvalBootstrapSetup(state.levelBudget, {0, 0}, state.slots, state.correctionFactor, plaintexts);
        bootstrapPrepared()[key] = use;
    } else if (plaintexts && found->second != BootstrapUse::EVALUATION) {
        state.context->EvalBootstrapPrecompute(state.slots);
        found->second = BootstrapUse::EVALUATION;
    }
}

}  // namespace hestyle

extern "C" {

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeContext_create(
    JNIEnv* env, jclass, jint logRingDimension, jint slots, jint scaleBits, jint firstModBits, jint depth,
    jboolean secure128, jboolean sparseSecret, jintArray levelBudget, jint correctionFactor) {
    return guarded(env, jlong{0}, [&] {
        std::vector<int32_t> budget = toVector(env, levelBudget);
        lbcrypto::CCParams<lbcrypto::CryptoContextCKKSRNS> parameters;
        // With HEStd_128_classic OpenFHE itself refuses any ring too small for the modulus.
        parameters.SetSecurityLevel(secure128 ? lbcrypto::HEStd_128_classic : lbcrypto::HEStd_NotSet);
        parameters.SetRingDim(1u << logRingDimension);
        parameters.SetBatchSize(static_cast<uint32_t>(slots));
        parameters.SetScalingModSize(static_cast<uint32_t>(scaleBits));
        parameters.SetFirstModSize(static_cast<uint32_t>(firstModBits));
        parameters.SetMultiplicativeDepth(static_cast<uint32_t>(depth));
        // FLEXIBLEAUTO tracks exact scales and rescales lazily, so every multiplication costs one level
        // and additions of different levels are aligned by OpenFHE.
        parameters.SetScalingTechnique(lbcrypto::FLEXIBLEAUTO);
        parameters.SetSecretKeyDist(sparseSecret ? lbcrypto::SPARSE_TERNARY : lbcrypto::UNIFORM_TERNARY);

        auto state = std::make_shared<ContextState>();
        state->slots = static_cast<uint32_t>(slots);
        state->bootstrapping = !budget.empty();
        state->levelBudget.assign(budget.begin(), budget.end());
        state->correctionFactor = static_cast<uint32_t>(correctionFactor);
        {
            std::unique_lock<std::shared_mutex> registry(registryLock());
            state->context = lbcrypto::GenCryptoContext(parameters);
            state->context->Enable(lbcrypto::PKE);
            state->context->Enable(lbcrypto::KEYSWITCH);
            state->context->Enable(lbcrypto::LEVELEDSHE);
            if (state->bootstrapping) {
                // the precomputation itself waits for prepareBootstrapping()
                state->context->Enable(lbcrypto::ADVANCEDSHE);
                state->context->Enable(lbcrypto::FHE);
            }
        }
        if (state->context->GetRingDimension() != (1u << logRingDimension)) {
            throw std::runtime_error("OpenFHE chose ring dimension " + std::to_string(state->context->GetRingDimension()));
        }
        return toHandle(new std::shared_ptr<ContextState>(std::move(state)));
    });
}

JNIEXPORT jint JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeContext_ringDimension(JNIEnv* env, jclass,
                                                                                        jlong handle) {
    return guarded(env, jint{0}, [&] {
        return static_cast<jint>(fromHandle<std::shared_ptr<ContextState>>(handle)->context->GetRingDimension());
    });
}

JNIEXPORT jint JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeContext_modulusBits(JNIEnv* env, jclass,
                                                                                      jlong handle) {
    return guarded(env, jint{0}, [&] {
        return static_cast<jint>(fromHandle<std::shared_ptr<ContextState>>(handle)->context->GetModulus().GetMSB());
    });
}

JNIEXPORT jint JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeContext_automorphismIndex(JNIEnv* env, jclass,
                                                                                            jlong handle,
                                                                                            jint rotation) {
    return guarded(env, jint{0}, [&] {
        const Context& context = fromHandle<std::shared_ptr<ContextState>>(handle)->context;
        return static_cast<jint>(context->FindAutomorphismIndex(static_cast<uint32_t>(rotation)));
    });
}

JNIEXPORT jlongArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeContext_ciphertextModuli(JNIEnv* env, jclass,
                                                                                              jlong handle) {
    return guarded(env, jlongArray{nullptr}, [&] { return moduli(env, rnsParameters(context(handle).context)->GetElementParams()); });
}

JNIEXPORT jlongArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeContext_auxiliaryModuli(JNIEnv* env, jclass,
                                                                                             jlong handle) {
    return guarded(env, jlongArray{nullptr}, [&] { return moduli(env, rnsParameters(context(handle).context)->GetParamsP()); });
}

JNIEXPORT jlongArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeContext_publicKeyModuli(JNIEnv* env, jclass,
                                                                                             jlong handle) {
    return guarded(env, jlongArray{nullptr}, [&] { return moduli(env, rnsParameters(context(handle).context)->GetParamsPK()); });
}

JNIEXPORT jint JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeContext_keySwitchingDigits(JNIEnv* env, jclass,
                                                                                           jlong handle) {
    return guarded(env, jint{0}, [&] { return static_cast<jint>(rnsParameters(context(handle).context)->GetNumPartQ()); });
}

JNIEXPORT jdoubleArray JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeContext_scalingFactors(JNIEnv* env, jclass,
                                                                                              jlong handle) {
    return guarded(env, jdoubleArray{nullptr}, [&] {
        const ContextState& state = context(handle);
        size_t moduli = state.context->GetElementParams()->GetParams().size();
        std::vector<double> factors;
        for (size_t towers = moduli; towers >= 1; --towers) {
            factors.push_back(expectedScalingFactor(state, towers, 1));
        }
        return toJava(env, factors);
    });
}

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeContext_close(JNIEnv* env, jclass, jlong handle) {
    guardedVoid(env, [&] { delete &fromHandle<std::shared_ptr<ContextState>>(handle); });
}

}  // extern "C"
