#include "serialization.h"

#include <istream>
#include <ostream>
#include <sstream>
#include <streambuf>

#include "ciphertext-ser.h"
#include "cryptocontext-ser.h"
#include "key/key-ser.h"
#include "scheme/ckksrns/ckksrns-ser.h"

namespace hestyle {
namespace {

/** Reads from a byte string without copying it. */
class ViewBuffer : public std::streambuf {
public:
    explicit ViewBuffer(const std::string& bytes) {
        char* begin = const_cast<char*>(bytes.data());
        setg(begin, begin, begin + bytes.size());
    }
};

template <typename T>
std::string write(const T& object) {
    std::ostringstream out(std::ios::binary);
    lbcrypto::Serial::Serialize(object, out, lbcrypto::SerType::BINARY);
    if (!out) {
        throw std::runtime_error("serialization failed");
    }
    return out.str();
}

template <typename T>
T read(const std::string& bytes, const char* what) {
    if (bytes.empty()) {
        throw BadInput(std::string("empty ") + what);
    }
    ViewBuffer buffer(bytes);
    std::istream in(&buffer);
    T object;
    try {
        lbcrypto::Serial::Deserialize(object, in, lbcrypto::SerType::BINARY);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        throw BadInput(std::string("malformed ") + what + ": " + e.what());
    }
    if (!object) {
        throw BadInput(std::string("malformed ") + what);
    }
    if (in.rdbuf()->in_avail() != 0) {
        throw BadInput(std::string("trailing bytes after ") + what);
    }
    return object;
}

}  // namespace

std::string serialize(const PublicKey& key) {
    return write(key);
}

std::string serialize(const PrivateKey& key) {
    return write(key);
}

PublicKey deserializePublicKey(const std::string& bytes) {
    return read<PublicKey>(bytes, "public key");
}

PrivateKey deserializePrivateKey(const std::string& bytes) {
    return read<PrivateKey>(bytes, "secret key");
}

}  // namespace hestyle
