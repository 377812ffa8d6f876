// hestyle's own encoding of OpenFHE polynomials: every tower as N 64-bit big-endian coefficients in
// evaluation (NTT) format, over moduli of the receiving side's own context. Nothing of the sender's
// describes the ring: the reader supplies the parameters and the bytes only fill them in. The Java side
// validates every field and coefficient before calling in; these functions check again what a memory
// error would follow from.
#ifndef HESTYLE_ENCODING_H
#define HESTYLE_ENCODING_H

#include <memory>
#include <vector>

#include "hestyle_jni.h"

namespace hestyle {

using ElementParams = lbcrypto::ILDCRTParams<lbcrypto::BigInteger>;

/** Bytes of one coefficient. */
constexpr size_t kCoefficientBytes = 8;

/** The context's RNS parameters (moduli Q, P, digits) with the type that exposes them. */
std::shared_ptr<lbcrypto::CryptoParametersRNS> rnsParameters(const Context& context);

/** The first {@code count} towers of {@code params}: a ciphertext that dropped moduli lives on a prefix of Q. */
std::shared_ptr<ElementParams> prefixParams(const ElementParams& params, size_t count);

/** Checks that {@code poly} is in evaluation format over exactly the moduli of {@code params}. */
void checkShape(const Element& poly, const ElementParams& params, const char* what);

/**
 * Reads one polynomial over {@code params} from {@code bytes} at {@code offset}, which advances.
 * Refuses input that is too short or a coefficient not below its tower's modulus.
 */
Element readPoly(JNIEnv* env, jbyteArray bytes, size_t& offset, const std::shared_ptr<ElementParams>& params);

/** A new Java array: {@code header} zero bytes (for the caller's fields), then the towers of every polynomial. */
jbyteArray exportPolys(JNIEnv* env, const std::vector<const Element*>& polys, jint header);

}  // namespace hestyle

#endif  // HESTYLE_ENCODING_H
