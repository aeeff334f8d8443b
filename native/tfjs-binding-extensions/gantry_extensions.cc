/*
 * gantry's additions to tfjs-node's binding, compiled into it by `gantry setup tensorflow`
 * (src/cli/setup-tensorflow/patch-binding.ts adds this file to binding.gyp and the two hooks
 * below to tfjs-node's sources). They expose TensorFlow's collective runtime, which the
 * binding does not: enabling it with a ServerDef, aborting it, and checking a peer's health.
 * The collective ops themselves (CollectiveReduceV2, ...) then run through executeOp.
 */
#include <node_api.h>

#include <cstdint>
#include <string>

#include "tensorflow/c/c_api_experimental.h"
#include "tensorflow/c/eager/c_api.h"
#include "tensorflow/c/eager/c_api_experimental.h"
#include "tfjs_backend.h"

namespace tfnodejs {
namespace {

// Bumped whenever these functions change, so gantry can tell a binding built without them.
constexpr int32_t kExtensionsVersion = 1;

TFJSBackend *BackendOf(napi_env env) {
  void *backend = nullptr;
  if (napi_get_instance_data(env, &backend) != napi_ok || backend == nullptr) {
    napi_throw_error(env, nullptr, "gantry extensions: the binding has no backend");
    return nullptr;
  }
  return static_cast<TFJSBackend *>(backend);
}

// Throws TensorFlow's message as a JS error; returns whether the status was OK.
bool ThrowUnlessOk(napi_env env, TF_Status *status, const char *what) {
  if (TF_GetCode(status) == TF_OK) return true;
  std::string message = std::string(what) + ": " + TF_Message(status);
  napi_throw_error(env, nullptr, message.c_str());
  return false;
}

// After TFE_EnableCollectiveOps the devices are named /job:<job>/replica:0/task:<i>/..., and
// every tensor the binding creates is copied to its cached device name: point it at the
// renamed device of the same type.
bool RefreshDeviceName(napi_env env, TFJSBackend *backend, TF_Status *status) {
  TF_DeviceList *devices = TFE_ContextListDevices(backend->context(), status);
  if (!ThrowUnlessOk(env, status, "listing TensorFlow's devices")) return false;
  const std::string wanted = backend->is_gpu_device ? "GPU" : "CPU";
  bool found = false;
  for (int i = 0; i < TF_DeviceListCount(devices) && !found; i++) {
    const char *type = TF_DeviceListType(devices, i, status);
    if (TF_GetCode(status) != TF_OK || wanted != type) continue;
    const char *name = TF_DeviceListName(devices, i, status);
    if (TF_GetCode(status) != TF_OK) continue;
    backend->SetDeviceName(name);
    found = true;
  }
  TF_DeleteDeviceList(devices);
  if (!found) napi_throw_error(env, nullptr, "gantry extensions: no device after enabling collectives");
  return found;
}

// enableCollectiveOps(serverDef: Uint8Array): TFE_EnableCollectiveOps with a serialized
// tensorflow.ServerDef; starts this task's gRPC server.
napi_value EnableCollectiveOps(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value args[1];
  if (napi_get_cb_info(env, info, &argc, args, nullptr, nullptr) != napi_ok || argc < 1) {
    napi_throw_error(env, nullptr, "enableCollectiveOps(serverDef) takes one Uint8Array");
    return nullptr;
  }
  bool is_typed_array = false;
  napi_is_typedarray(env, args[0], &is_typed_array);
  if (!is_typed_array) {
    napi_throw_type_error(env, nullptr, "enableCollectiveOps: serverDef must be a Uint8Array");
    return nullptr;
  }
  napi_typedarray_type type;
  size_t length = 0;
  void *data = nullptr;
  napi_get_typedarray_info(env, args[0], &type, &length, &data, nullptr, nullptr);
  if (type != napi_uint8_array) {
    napi_throw_type_error(env, nullptr, "enableCollectiveOps: serverDef must be a Uint8Array");
    return nullptr;
  }
  TFJSBackend *backend = BackendOf(env);
  if (backend == nullptr) return nullptr;
  TF_Status *status = TF_NewStatus();
  TFE_EnableCollectiveOps(backend->context(), data, length, status);
  if (ThrowUnlessOk(env, status, "TFE_EnableCollectiveOps")) RefreshDeviceName(env, backend, status);
  TF_DeleteStatus(status);
  return nullptr;
}

// abortCollectiveOps(message: string): every pending and later collective fails with it.
napi_value AbortCollectiveOps(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value args[1];
  napi_get_cb_info(env, info, &argc, args, nullptr, nullptr);
  char message[1024] = "aborted by gantry";
  size_t written = 0;
  if (argc >= 1) napi_get_value_string_utf8(env, args[0], message, sizeof(message), &written);
  TFJSBackend *backend = BackendOf(env);
  if (backend == nullptr) return nullptr;
  TF_Status *status = TF_NewStatus();
  TF_SetStatus(status, TF_UNAVAILABLE, message);
  TFE_AbortCollectiveOps(backend->context(), status);
  TF_DeleteStatus(status);
  return nullptr;
}

// checkCollectivePeerHealth(task: string, timeoutMs: number): throws when the peer is down.
napi_value CheckCollectivePeerHealth(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value args[2];
  napi_get_cb_info(env, info, &argc, args, nullptr, nullptr);
  if (argc < 2) {
    napi_throw_error(env, nullptr, "checkCollectivePeerHealth(task, timeoutMs) takes two arguments");
    return nullptr;
  }
  char task[512];
  size_t written = 0;
  int64_t timeout_ms = 0;
  if (napi_get_value_string_utf8(env, args[0], task, sizeof(task), &written) != napi_ok ||
      napi_get_value_int64(env, args[1], &timeout_ms) != napi_ok) {
    napi_throw_type_error(env, nullptr, "checkCollectivePeerHealth: (string, number) expected");
    return nullptr;
  }
  TFJSBackend *backend = BackendOf(env);
  if (backend == nullptr) return nullptr;
  TF_Status *status = TF_NewStatus();
  TFE_CollectiveOpsCheckPeerHealth(backend->context(), task, timeout_ms, status);
  ThrowUnlessOk(env, status, task);
  TF_DeleteStatus(status);
  return nullptr;
}

}  // namespace

void RegisterGantryExtensions(napi_env env, napi_value exports) {
  napi_value version;
  napi_create_int32(env, kExtensionsVersion, &version);
  napi_property_descriptor properties[] = {
      {"gantryExtensionsVersion", nullptr, nullptr, nullptr, nullptr, version, napi_default, nullptr},
      {"enableCollectiveOps", nullptr, EnableCollectiveOps, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"abortCollectiveOps", nullptr, AbortCollectiveOps, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"checkCollectivePeerHealth", nullptr, CheckCollectivePeerHealth, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(properties) / sizeof(properties[0]), properties);
}

}  // namespace tfnodejs
