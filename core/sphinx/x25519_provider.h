// The X25519 key-management and key-exchange functions of the OpenSSL provider that EVP
// fetches X25519 from, looked up once so that x25519.cpp can call them directly: EVP's setup
// of a fresh key and derive context (a name-map walk and method fetches, about 3 us in
// OpenSSL 3.0) is then paid once per program, not once per scalar.
#pragma once
#include <openssl/core_dispatch.h>

namespace core::sphinx {

struct X25519Provider {
  void* context;  // the provider's context: the argument of new_key and new_exchange
  OSSL_FUNC_keymgmt_new_fn* new_key;
  OSSL_FUNC_keymgmt_free_fn* free_key;
  OSSL_FUNC_keymgmt_import_fn* import_key;
  OSSL_FUNC_keymgmt_get_params_fn* get_key_params;
  OSSL_FUNC_keyexch_newctx_fn* new_exchange;
  OSSL_FUNC_keyexch_freectx_fn* free_exchange;
  OSSL_FUNC_keyexch_init_fn* init_exchange;
  OSSL_FUNC_keyexch_set_peer_fn* set_peer;
  OSSL_FUNC_keyexch_derive_fn* derive;
};

// The functions of the provider of EVP_KEYEXCH_fetch(NULL, "X25519", NULL) (the default
// provider unless OpenSSL is configured otherwise), which stays loaded for the program's
// lifetime. Looked up on first use; throws std::runtime_error if any is missing.
const X25519Provider& x25519_provider();

}  // namespace core::sphinx
