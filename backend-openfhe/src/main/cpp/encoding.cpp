#include "encoding.h"

#include <cstring>

namespace hestyle {
namespace {

inline uint64_t bigEndian(uint64_t value) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return __builtin_bswap64(value);
#else
    return value;
#endif
}

}  // namespace

std::shared_ptr<lbcrypto::CryptoParametersRNS> rnsParameters(const Context& context) {
    auto parameters = std::dynamic_pointer_cast<lbcrypto::CryptoParametersRNS>(context->GetCryptoParameters());
    if (!parameters) {
        throw std::runtime_error("not an RNS context");
    }
    return parameters;
}

std::shared_ptr<ElementParams> prefixParams(const ElementParams& params, size_t count) {
    const auto& towers = params.GetParams();
    if (count == 0 || count > towers.size()) {
        throw BadInput(std::to_string(count) + " towers where the parameters have 1.." + std::to_string(towers.size()));
    }
    std::vector<std::shared_ptr<lbcrypto::ILNativeParams>> prefix(towers.begin(), towers.begin() + count);
    return std::make_shared<ElementParams>(params.GetCyclotomicOrder(), prefix);
}

void checkShape(const Element& poly, const ElementParams& params, const char* what) {
    const auto& towers = poly.GetAllElements();
    const auto& expected = params.GetParams();
    if (poly.GetFormat() != Format::EVALUATION || towers.size() != expected.size()) {
        throw BadInput(std::string(what) + " does not have the structure of these parameters");
    }
    for (size_t i = 0; i < towers.size(); ++i) {
        if (towers[i].GetModulus() != expected[i]->GetModulus() || towers[i].GetLength() != params.GetRingDimension()) {
            throw BadInput(std::string(what) + " does not have the moduli of these parameters");
        }
    }
}

Element readPoly(JNIEnv* env, jbyteArray bytes, size_t& offset, const std::shared_ptr<ElementParams>& params) {
    const size_t n = params->GetRingDimension();
    const size_t towerBytes = n * kCoefficientBytes;
    const size_t length = static_cast<size_t>(env->GetArrayLength(bytes));
    const auto& towers = params->GetParams();
    if (offset > length || (length - offset) / towerBytes < towers.size()) {
        throw BadInput("polynomial truncated");
    }
    Element poly(params, Format::EVALUATION, false);
    std::vector<uint64_t> buffer(n);
    for (size_t i = 0; i < towers.size(); ++i) {
        env->GetByteArrayRegion(bytes, static_cast<jsize>(offset), static_cast<jsize>(towerBytes),
                                reinterpret_cast<jbyte*>(buffer.data()));
        if (env->ExceptionCheck()) {
            throw JavaPending();
        }
        offset += towerBytes;
        const NativeInteger& modulus = towers[i]->GetModulus();
        const uint64_t q = modulus.ConvertToInt<uint64_t>();
        NativeVector values(static_cast<uint32_t>(n), modulus);
        for (size_t j = 0; j < n; ++j) {
            uint64_t value = bigEndian(buffer[j]);
            if (value >= q) {
                throw BadInput("coefficient " + std::to_string(j) + " of tower " + std::to_string(i) + " is not below its modulus");
            }
            values[j] = NativeInteger(value);
        }
        poly.GetAllElements()[i].SetValues(std::move(values), Format::EVALUATION);
    }
    return poly;
}

jbyteArray exportPolys(JNIEnv* env, const std::vector<const Element*>& polys, jint header) {
    uint64_t total = static_cast<uint64_t>(header);
    for (const Element* poly : polys) {
        total += static_cast<uint64_t>(poly->GetAllElements().size()) * poly->GetRingDimension() * kCoefficientBytes;
    }
    if (header < 0 || total > static_cast<uint64_t>(INT32_MAX - 8)) {
        throw std::length_error("encoded object exceeds the largest Java array");
    }
    jbyteArray array = env->NewByteArray(static_cast<jsize>(total));
    if (array == nullptr) {
        throw JavaPending();
    }
    size_t offset = static_cast<size_t>(header);
    std::vector<uint64_t> buffer;
    for (const Element* poly : polys) {
        if (poly->GetFormat() != Format::EVALUATION) {
            throw std::runtime_error("polynomial is not in evaluation format");
        }
        for (const auto& tower : poly->GetAllElements()) {
            const auto& values = tower.GetValues();
            buffer.resize(values.GetLength());
            for (size_t j = 0; j < buffer.size(); ++j) {
                buffer[j] = bigEndian(values[j].ConvertToInt<uint64_t>());
            }
            jsize size = static_cast<jsize>(buffer.size() * kCoefficientBytes);
            env->SetByteArrayRegion(array, static_cast<jsize>(offset), size, reinterpret_cast<const jbyte*>(buffer.data()));
            if (env->ExceptionCheck()) {
                throw JavaPending();
            }
            offset += static_cast<size_t>(size);
        }
    }
    return array;
}

}  // namespace hestyle
