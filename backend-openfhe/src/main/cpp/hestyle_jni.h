// Shared declarations of the hestyle OpenFHE glue: handle conversion, the process-wide locks that
// OpenFHE's global state needs, and the single place where C++ exceptions become Java exceptions.
#ifndef HESTYLE_JNI_H
#define HESTYLE_JNI_H

#include <jni.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "openfhe.h"

namespace hestyle {

using Element = lbcrypto::DCRTPoly;
using Context = lbcrypto::CryptoContext<Element>;
using Ciphertext = lbcrypto::Ciphertext<Element>;
using EvalKey = lbcrypto::EvalKey<Element>;
using PublicKey = lbcrypto::PublicKey<Element>;
using PrivateKey = lbcrypto::PrivateKey<Element>;

/** Bytes the caller handed in that OpenFHE could not accept; becomes the same Java exception. */
class BadInput : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** A Java exception is already pending (a JNI call failed); unwind without throwing another. */
class JavaPending {};

/**
 * OpenFHE keeps every crypto context, every evaluation key and its FFT tables in process-wide maps
 * without locking. Code that only reads them (homomorphic operations look keys up by tag; encoding
 * reads the FFT tables) holds this lock shared; code that changes them (context creation, key
 * registration, deserialization, key removal) holds it exclusively.
 */
std::shared_mutex& registryLock();

/**
 * This OpenFHE build was compiled without OpenMP, so its random generator is one object shared by all
 * threads: everything that samples randomness (key generation, encryption) holds this lock.
 */
std::mutex& samplingLock();

/**
 * Process-exit handler (registered once when the library loads): quiesces all OpenFHE use before the
 * library's global state is destroyed, so that a JVM stopped in the middle of an evaluation (System.exit,
 * SIGTERM) exits cleanly instead of crashing in a worker thread.
 */
void quiesceAtExit();

/** Lets freed tower memory be reused instead of returned to the kernel at every free (called once, at load). */
void keepFreedMemoryForReuse() noexcept;

/** Hands memory freed with a key set back to the system (glibc keeps freed heap pages otherwise). */
void releaseFreedMemory() noexcept;

/** Throws the Java exception for native errors with {@code message}; returns normally. */
void throwJava(JNIEnv* env, const std::string& message);

/**
 * Runs {@code body} and converts every C++ exception into a Java exception: the only place that does.
 * Returns {@code onError} when an exception was converted (the JVM raises it when the native method
 * returns).
 */
template <typename R, typename F>
R guarded(JNIEnv* env, R onError, F&& body) noexcept {
    try {
        return body();
    } catch (const JavaPending&) {
        // the Java exception raised by the failed JNI call propagates as is
    } catch (const lbcrypto::OpenFHEException& e) {
        throwJava(env, std::string("OpenFHE: ") + e.what());
    } catch (const BadInput& e) {
        throwJava(env, std::string("rejected input: ") + e.what());
    } catch (const std::bad_alloc&) {
        throwJava(env, "out of native memory");
    } catch (const std::exception& e) {
        throwJava(env, std::string("native error: ") + e.what());
    } catch (...) {
        throwJava(env, "unknown native error");
    }
    return onError;
}

/** {@link guarded} for native methods returning void. */
template <typename F>
void guardedVoid(JNIEnv* env, F&& body) noexcept {
    guarded(env, 0, [&] {
        body();
        return 0;
    });
}

/** The object behind a handle created with {@link toHandle}. Java never passes a closed (zero) handle. */
template <typename T>
T& fromHandle(jlong handle) {
    return *reinterpret_cast<T*>(static_cast<intptr_t>(handle));
}

template <typename T>
jlong toHandle(T* object) {
    return static_cast<jlong>(reinterpret_cast<intptr_t>(object));
}

/** Copies a Java double[] (Java checked its length). */
std::vector<double> toVector(JNIEnv* env, jdoubleArray array);

/** Copies a Java int[]. */
std::vector<int32_t> toVector(JNIEnv* env, jintArray array);

/** Copies a Java byte[]. */
std::string toBytes(JNIEnv* env, jbyteArray array);

/** Overwrites secret bytes before their memory is released. */
void wipe(std::string& secret) noexcept;

jdoubleArray toJava(JNIEnv* env, const std::vector<double>& values);
jintArray toJava(JNIEnv* env, const std::vector<int32_t>& values);
jbyteArray toJava(JNIEnv* env, const std::string& bytes);
jlongArray toJava(JNIEnv* env, const std::vector<jlong>& values);
jstring toJavaString(JNIEnv* env, const std::string& text);

/** A crypto context with the settings the Java side chose. Shared by every object made in it. */
struct ContextState {
    Context context;
    uint32_t slots;
    bool bootstrapping;
    std::vector<uint32_t> levelBudget;
    uint32_t correctionFactor = 0;
};

/** What bootstrapping needs prepared in its context. */
enum class BootstrapUse {
    KEY_GENERATION,  // OpenFHE's bootstrapping parameters
    EVALUATION,      // the parameters and the encoded linear maps (gigabytes at N=2^16)
};

/**
 * Runs OpenFHE's bootstrapping setup for a bootstrapping context the first time a use needs it, so
 * that a client that only encrypts and decrypts pays nothing and one that generates keys does not hold
 * the server's precomputed plaintexts. Takes registryLock() exclusively; call it unlocked.
 */
void prepareBootstrapping(const ContextState& context, BootstrapUse use);

/**
 * Evaluation keys of one key set, registered in OpenFHE's maps under their tag while any holder lives
 * (OpenFHE's operations find keys only there). Keys read from bytes get a tag the reader chose, unique
 * per key set; the maps are cleared for the tag when the last state holding it goes, so closing a key
 * set frees its keys and a refused or closed set leaves nothing that a later one could meet.
 */
struct EvalKeysState {
    std::shared_ptr<ContextState> context;
    std::string tag;
    PublicKey publicKey;
    std::vector<EvalKey> multKeys;
    std::map<uint32_t, EvalKey> automorphismKeys;
    bool registered = false;

    /** Inserts the keys into OpenFHE's maps; the caller holds registryLock() exclusively. */
    void registerKeys();
    ~EvalKeysState();
};

/** A ciphertext handle is a heap copy of OpenFHE's shared pointer. */
jlong newCiphertextHandle(Ciphertext ciphertext);

/** Remaining multiplicative levels: unused moduli minus the pending rescale (FLEXIBLEAUTO). */
int32_t levelsLeft(const Ciphertext& ciphertext);

/**
 * Largest relative deviation of a ciphertext's scaling factor from the one FLEXIBLEAUTO gives its level
 * and scale degree. OpenFHE computes both the same way, so honest ciphertexts agree to rounding.
 */
constexpr double kScaleTolerance = 1e-9;

/** The scaling factor of a ciphertext with {@code towers} moduli and scale degree 1 or 2 in this context. */
double expectedScalingFactor(const ContextState& state, size_t towers, size_t noiseScaleDegree);

/**
 * Checks a ciphertext against the context it is used in: two components in evaluation format over a
 * prefix of the context's moduli, level matching them, scale degree 1 or 2, the scaling factor of its
 * level, the context's slots. Raises BadInput otherwise.
 */
void checkCiphertext(const Ciphertext& ciphertext, const ContextState& state);

}  // namespace hestyle

#endif  // HESTYLE_JNI_H
