// Looks the provider's X25519 functions up in its algorithm tables (OSSL_PROVIDER_query_operation).
#include "core/sphinx/x25519_provider.h"

#include <openssl/provider.h>

#include <string_view>

#include "core/sphinx/openssl_util.h"

namespace core::sphinx {

namespace {

// True if the colon-separated `names` of an algorithm (such as "X25519:1.3.101.110") include X25519.
bool names_x25519(std::string_view names) {
  for (;;) {
    const std::size_t colon = names.find(':');
    if (names.substr(0, colon) == "X25519") return true;
    if (colon == std::string_view::npos) return false;
    names.remove_prefix(colon + 1);
  }
}

// The provider's function table for X25519 in `operation` (OSSL_OP_KEYMGMT or OSSL_OP_KEYEXCH).
const OSSL_DISPATCH* x25519_table(const OSSL_PROVIDER* provider, int operation) {
  static constexpr OSSL_DISPATCH kEmpty[] = {{0, nullptr}};
  int no_cache = 0;
  const OSSL_ALGORITHM* algorithm = provider ? OSSL_PROVIDER_query_operation(provider, operation, &no_cache) : nullptr;
  for (; algorithm != nullptr && algorithm->algorithm_names != nullptr; ++algorithm)
    if (names_x25519(algorithm->algorithm_names)) return algorithm->implementation;
  return kEmpty;
}

// The entry of `table` for function `id`, or the table's end (whose function is null).
const OSSL_DISPATCH* entry(const OSSL_DISPATCH* table, int id) {
  while (table->function_id != 0 && table->function_id != id) ++table;
  return table;
}

struct Lookup {
  Keyexch exchange{EVP_KEYEXCH_fetch(nullptr, "X25519", nullptr)};  // holds the provider
  X25519Provider functions{};

  Lookup() {
    const OSSL_PROVIDER* provider = exchange ? EVP_KEYEXCH_get0_provider(exchange.get()) : nullptr;
    const OSSL_DISPATCH* keys = x25519_table(provider, OSSL_OP_KEYMGMT);
    const OSSL_DISPATCH* exchanges = x25519_table(provider, OSSL_OP_KEYEXCH);
    X25519Provider& f = functions;
    f.context = provider ? OSSL_PROVIDER_get0_provider_ctx(provider) : nullptr;
    f.new_key = OSSL_FUNC_keymgmt_new(entry(keys, OSSL_FUNC_KEYMGMT_NEW));
    f.free_key = OSSL_FUNC_keymgmt_free(entry(keys, OSSL_FUNC_KEYMGMT_FREE));
    f.import_key = OSSL_FUNC_keymgmt_import(entry(keys, OSSL_FUNC_KEYMGMT_IMPORT));
    f.get_key_params = OSSL_FUNC_keymgmt_get_params(entry(keys, OSSL_FUNC_KEYMGMT_GET_PARAMS));
    f.new_exchange = OSSL_FUNC_keyexch_newctx(entry(exchanges, OSSL_FUNC_KEYEXCH_NEWCTX));
    f.free_exchange = OSSL_FUNC_keyexch_freectx(entry(exchanges, OSSL_FUNC_KEYEXCH_FREECTX));
    f.init_exchange = OSSL_FUNC_keyexch_init(entry(exchanges, OSSL_FUNC_KEYEXCH_INIT));
    f.set_peer = OSSL_FUNC_keyexch_set_peer(entry(exchanges, OSSL_FUNC_KEYEXCH_SET_PEER));
    f.derive = OSSL_FUNC_keyexch_derive(entry(exchanges, OSSL_FUNC_KEYEXCH_DERIVE));
    require(f.context && f.new_key && f.free_key && f.import_key && f.get_key_params && f.new_exchange && f.free_exchange &&
                f.init_exchange && f.set_peer && f.derive,
            "X25519 provider lookup");
  }
};

}  // namespace

const X25519Provider& x25519_provider() {
  static const Lookup lookup;
  return lookup.functions;
}

}  // namespace core::sphinx
