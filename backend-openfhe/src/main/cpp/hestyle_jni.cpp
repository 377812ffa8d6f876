// Support shared by every native class: library load hook, locks, Java exception and array helpers.
#include "hestyle_jni.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace hestyle {
namespace {

const char* const kExceptionClass = "dev/hestyle/backend/openfhe/jni/OpenFheNativeException";
jclass exceptionClass = nullptr;

}  // namespace

// Both locks are never destroyed: quiesceAtExit() keeps the registry lock held while static
// destructors run at process exit.
std::shared_mutex& registryLock() {
    static std::shared_mutex* lock = new std::shared_mutex;
    return *lock;
}

std::mutex& samplingLock() {
    static std::mutex* lock = new std::mutex;
    return *lock;
}

void quiesceAtExit() {
    // Registered after OpenFHE's own static objects were built, so it runs before they are destroyed:
    // waits for operations in flight on other threads (they hold the lock shared) and keeps every
    // later one waiting, so that no thread uses OpenFHE's global tables while exit() tears them down.
    registryLock().lock();
}

void keepFreedMemoryForReuse() noexcept {
#ifdef __GLIBC__
    // Ciphertexts and plaintexts are built from towers of half a megabyte. By default glibc maps each one
    // fresh from the kernel and unmaps it on free, so every operation pays page faults on zeroed pages
    // (an addition at 24 towers took 22 ms instead of 3.5). Serving them from the heap and trimming only
    // at releaseFreedMemory() makes additions 6x and plaintext products 2x faster at high levels.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

void releaseFreedMemory() noexcept {
#ifdef __GLIBC__
    // A bootstrapping key set is gigabytes in pieces of half a megabyte; without a trim the pages stay
    // with the process and the next key set adds to them.
    malloc_trim(0);
#endif
}

void throwJava(JNIEnv* env, const std::string& message) {
    if (env->ExceptionCheck()) {
        return;
    }
    jclass type = exceptionClass != nullptr ? exceptionClass : env->FindClass("java/lang/IllegalStateException");
    if (type != nullptr) {
        env->ThrowNew(type, message.c_str());
    }
}

std::vector<double> toVector(JNIEnv* env, jdoubleArray array) {
    std::vector<double> values(static_cast<size_t>(env->GetArrayLength(array)));
    env->GetDoubleArrayRegion(array, 0, static_cast<jsize>(values.size()), values.data());
    if (env->ExceptionCheck()) {
        throw JavaPending();
    }
    return values;
}

std::vector<int32_t> toVector(JNIEnv* env, jintArray array) {
    std::vector<int32_t> values(static_cast<size_t>(env->GetArrayLength(array)));
    env->GetIntArrayRegion(array, 0, static_cast<jsize>(values.size()), reinterpret_cast<jint*>(values.data()));
    if (env->ExceptionCheck()) {
        throw JavaPending();
    }
    return values;
}

std::string toBytes(JNIEnv* env, jbyteArray array) {
    std::string bytes(static_cast<size_t>(env->GetArrayLength(array)), '\0');
    env->GetByteArrayRegion(array, 0, static_cast<jsize>(bytes.size()), reinterpret_cast<jbyte*>(bytes.data()));
    if (env->ExceptionCheck()) {
        throw JavaPending();
    }
    return bytes;
}

void wipe(std::string& secret) noexcept {
    // volatile: the stores must not be optimised away although the string dies next
    volatile char* bytes = secret.data();
    for (size_t i = 0; i < secret.size(); ++i) {
        bytes[i] = 0;
    }
}

jdoubleArray toJava(JNIEnv* env, const std::vector<double>& values) {
    jdoubleArray array = env->NewDoubleArray(static_cast<jsize>(values.size()));
    if (array == nullptr) {
        throw JavaPending();
    }
    env->SetDoubleArrayRegion(array, 0, static_cast<jsize>(values.size()), values.data());
    return array;
}

jintArray toJava(JNIEnv* env, const std::vector<int32_t>& values) {
    jintArray array = env->NewIntArray(static_cast<jsize>(values.size()));
    if (array == nullptr) {
        throw JavaPending();
    }
    env->SetIntArrayRegion(array, 0, static_cast<jsize>(values.size()), reinterpret_cast<const jint*>(values.data()));
    return array;
}

jbyteArray toJava(JNIEnv* env, const std::string& bytes) {
    if (bytes.size() > static_cast<size_t>(INT32_MAX - 8)) {
        throw std::length_error("serialized object exceeds the largest Java array");
    }
    jbyteArray array = env->NewByteArray(static_cast<jsize>(bytes.size()));
    if (array == nullptr) {
        throw JavaPending();
    }
    env->SetByteArrayRegion(array, 0, static_cast<jsize>(bytes.size()), reinterpret_cast<const jbyte*>(bytes.data()));
    return array;
}

jlongArray toJava(JNIEnv* env, const std::vector<jlong>& values) {
    jlongArray array = env->NewLongArray(static_cast<jsize>(values.size()));
    if (array == nullptr) {
        throw JavaPending();
    }
    env->SetLongArrayRegion(array, 0, static_cast<jsize>(values.size()), values.data());
    return array;
}

jstring toJavaString(JNIEnv* env, const std::string& text) {
    jstring string = env->NewStringUTF(text.c_str());
    if (string == nullptr) {
        throw JavaPending();
    }
    return string;
}

}  // namespace hestyle

extern "C" JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM* vm, void*) {
    JNIEnv* env = nullptr;
    if (vm->GetEnv(reinterpret_cast<void**>(&env), JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    jclass local = env->FindClass(hestyle::kExceptionClass);
    if (local == nullptr) {
        return JNI_ERR;
    }
    hestyle::keepFreedMemoryForReuse();
    hestyle::exceptionClass = static_cast<jclass>(env->NewGlobalRef(local));
    env->DeleteLocalRef(local);
    if (hestyle::exceptionClass == nullptr || std::atexit(hestyle::quiesceAtExit) != 0) {
        return JNI_ERR;
    }
    return JNI_VERSION_1_8;
}
