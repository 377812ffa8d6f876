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

/** Counts bytes instead of storing them, so that sizes of large keys cost no memory. */
class CountingBuffer : public std::streambuf {
public:
    uint64_t count = 0;

protected:
    std::streamsize xsputn(const char*, std::streamsize n) override {
        count += static_cast<uint64_t>(n);
        return n;
    }
    int_type overflow(int_type c) override {
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            ++count;
        }
        return traits_type::not_eof(c);
    }
};

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
uint64_t size(const T& object) {
    CountingBuffer buffer;
    std::ostream out(&buffer);
    lbcrypto::Serial::Serialize(object, out, lbcrypto::SerType::BINARY);
    return buffer.count;
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

std::string serialize(const Ciphertext& ciphertext) {
    return write(ciphertext);
}

std::string serialize(const EvalKey& key) {
    return write(key);
}

std::string serialize(const PublicKey& key) {
    return write(key);
}

std::string serialize(const PrivateKey& key) {
    return write(key);
}

uint64_t serializedSize(const EvalKey& key) {
    return size(key);
}

uint64_t serializedSize(const PublicKey& key) {
    return size(key);
}

Ciphertext deserializeCiphertext(const std::string& bytes) {
    return read<Ciphertext>(bytes, "ciphertext");
}

EvalKey deserializeEvalKey(const std::string& bytes) {
    return read<EvalKey>(bytes, "evaluation key");
}

PublicKey deserializePublicKey(const std::string& bytes) {
    return read<PublicKey>(bytes, "public key");
}

PrivateKey deserializePrivateKey(const std::string& bytes) {
    return read<PrivateKey>(bytes, "secret key");
}

}  // namespace hestyle
