// OpenFHE's binary (cereal) serialization of the keys in the secret key file, which stays on the
// client's machine; what crosses the wire uses hestyle's own encoding (encoding.h). Kept in one translation
// unit because cereal's type registrations are expensive to compile.
#ifndef HESTYLE_SERIALIZATION_H
#define HESTYLE_SERIALIZATION_H

#include <cstdint>
#include <string>

#include "hestyle_jni.h"

namespace hestyle {

std::string serialize(const PublicKey& key);
/** The secret key's bytes; the caller wipes them ({@link wipe}) when done. */
std::string serialize(const PrivateKey& key);

/**
 * Reads bytes written by {@code serialize}. Malformed input raises an exception (never a partial
 * object). The object's context is OpenFHE's registered context with equal parameters, or a new one if
 * none matches: callers compare it with theirs. The caller holds registryLock() exclusively because
 * OpenFHE registers contexts while reading.
 */
PublicKey deserializePublicKey(const std::string& bytes);
PrivateKey deserializePrivateKey(const std::string& bytes);

}  // namespace hestyle

#endif  // HESTYLE_SERIALIZATION_H
