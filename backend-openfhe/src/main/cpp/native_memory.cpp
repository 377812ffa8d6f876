// dev.hestyle.backend.openfhe.jni.NativeMemory: the native heap as a whole.
#include "dev_hestyle_backend_openfhe_jni_NativeMemory.h"
#include "hestyle_jni.h"

using namespace hestyle;

extern "C" {

JNIEXPORT void JNICALL Java_dev_hestyle_backend_openfhe_jni_NativeMemory_releaseFreedMemory(JNIEnv* env, jclass) {
    guardedVoid(env, [&] { releaseFreedMemory(); });
}

}  // extern "C"
