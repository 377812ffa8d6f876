// dev.hestyle.backend.openfhe.jni.NativeMemory: the native heap as a whole.
#include "dev_hestyle_backend_openfhe_jni_NativeMemory.h"
#include "hestyle_jni.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace hestyle;

extern "C" {

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeMemory_releaseFreedMemory(JNIEnv* env, jclass) {
    guardedVoid(env, [&] { releaseFreedMemory(); });
}

JNIEXPORT jlong JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeMemory_allocated(JNIEnv* env, jclass) {
    return guarded(env, jlong{-1}, [&] {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
        struct mallinfo2 info = mallinfo2();
        // small blocks in use plus the large ones the allocator mapped on their own
        return static_cast<jlong>(info.uordblks + info.hblkhd);
#else
        return jlong{-1};
#endif
    });
}

}  // extern "C"
