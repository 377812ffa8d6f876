// OpenFHE's binary (cereal) serialization of the objects that cross the wire. Kept in one translation
// unit because cereal's type registrations are expensive to compile.
#ifndef HESTYLE_SERIALIZATION_H
#define HESTYLE_SERIALIZATION_H

#include <cstdint>
#include <string>

#include "hestyle_jni.h"

namespace hestyle {

std::string serialize(const Ciphertext& ciphertext);
std::string serialize(const EvalKey& key);
std::string serialize(const PublicKey& key);
/** The secret key's bytes; the caller wipes them ({@link wipe}) when done. */
std::string serialize(const PrivateKey& key);

/** Size of {@code serialize(key)} without materialising the bytes. */
uint64_t serializedSize(const EvalKey& key);
uint64_t serializedSize(const PublicKey& key);

/**
 * Reads bytes written by {@code serialize}. Malformed input raises an exception (never a partial
 * object). The object's context is OpenFHE's registered context with equal parameters, or a new one if
 * none matches: callers compare it with theirs. The caller holds registryLock() exclusively because
 * OpenFHE registers contexts while reading.
 */
Ciphertext deserializeCiphertext(const std::string& bytes);
EvalKey deserializeEvalKey(const std::string& bytes);
PublicKey deserializePublicKey(const std::string& bytes);
PrivateKey deserializePrivateKey(const std::string& bytes);

}  // namespace hestyle

#endif  // HESTYLE_SERIALIZATION_H
