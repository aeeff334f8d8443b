/*
 * gantry's function registration, compiled into tfjs-node's binding by `gantry setup tensorflow`
 * (src/cli/setup-tensorflow/patch-binding.ts adds this file to binding.gyp and the registration
 * call to tfjs_binding.cc). It turns a list of recorded ops into a TensorFlow function in the
 * binding's eager context, so that a whole traced update then runs as one op through executeOp
 * (TFE_NewOp(name) + inputs + TFE_Execute). The ops come in executeOp's own format: an op name,
 * attrs as { name, type, value } and flat inputs; the op's definition says how the inputs group
 * into its (list) arguments.
 */
#include <node_api.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "tensorflow/c/c_api.h"
#include "tensorflow/c/eager/c_api.h"
#include "tfjs_backend.h"

namespace tfnodejs {
namespace {

// Bumped whenever these functions change, so gantry can tell a binding built without them.
constexpr int32_t kFunctionsVersion = 2;

TFJSBackend *BackendOf(napi_env env) {
  void *backend = nullptr;
  if (napi_get_instance_data(env, &backend) != napi_ok || backend == nullptr) {
    napi_throw_error(env, nullptr, "gantry functions: the binding has no backend");
    return nullptr;
  }
  return static_cast<TFJSBackend *>(backend);
}

// The first error wins: a throw with an exception already pending would abort the process.
bool Fail(napi_env env, const std::string &message) {
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_error(env, nullptr, message.c_str());
  return false;
}

bool GetString(napi_env env, napi_value value, std::string *out) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, nullptr, 0, &length) != napi_ok) return false;
  out->resize(length);
  return napi_get_value_string_utf8(env, value, &(*out)[0], length + 1, &length) == napi_ok;
}

bool GetProperty(napi_env env, napi_value object, const char *name, napi_value *out) {
  return napi_get_named_property(env, object, name, out) == napi_ok;
}

bool GetIntArray(napi_env env, napi_value array, std::vector<int64_t> *out) {
  uint32_t length = 0;
  if (napi_get_array_length(env, array, &length) != napi_ok) return false;
  out->resize(length);
  for (uint32_t i = 0; i < length; i++) {
    napi_value element;
    if (napi_get_element(env, array, i, &element) != napi_ok ||
        napi_get_value_int64(env, element, &(*out)[i]) != napi_ok)
      return false;
  }
  return true;
}

// One attr as executeOp takes it ({ name, type: TF_AttrType, value }), held until the op's
// inputs are grouped (list lengths come from its number attrs). A tensor attr (a Const's value,
// which executeOp never takes) is { dtype, shape, values: TypedArray }.
struct Attr {
  std::string name;
  int32_t type = 0;
  bool is_list = false;
  std::string text;
  std::vector<double> numbers;
  int32_t dtype = 0;
  std::vector<int64_t> shape;
  std::string bytes;
};

// A tensor attr's value: its bytes must be exactly its shape's elements of its dtype.
bool ReadTensorAttr(napi_env env, napi_value value, Attr *attr) {
  napi_value dtype, shape, values;
  bool is_typed_array = false;
  if (!GetProperty(env, value, "dtype", &dtype) || napi_get_value_int32(env, dtype, &attr->dtype) != napi_ok ||
      !GetProperty(env, value, "shape", &shape) || !GetIntArray(env, shape, &attr->shape) ||
      !GetProperty(env, value, "values", &values) || napi_is_typedarray(env, values, &is_typed_array) != napi_ok ||
      !is_typed_array)
    return false;
  napi_typedarray_type type;
  size_t length = 0, offset = 0;
  void *data = nullptr;
  napi_value buffer;
  if (napi_get_typedarray_info(env, values, &type, &length, &data, &buffer, &offset) != napi_ok) return false;
  size_t elements = 1;
  for (int64_t dim : attr->shape) {
    if (dim < 0) return false;
    elements *= static_cast<size_t>(dim);
  }
  size_t typed_size = 1;
  switch (type) {
    case napi_int16_array: case napi_uint16_array: typed_size = 2; break;
    case napi_int32_array: case napi_uint32_array: case napi_float32_array: typed_size = 4; break;
    case napi_float64_array: case napi_bigint64_array: case napi_biguint64_array: typed_size = 8; break;
    default: break;
  }
  const size_t element_size = TF_DataTypeSize(static_cast<TF_DataType>(attr->dtype));
  if (element_size == 0 || length * typed_size != elements * element_size) return false;
  attr->bytes.assign(static_cast<const char *>(data), elements * element_size);
  return true;
}

bool ReadAttr(napi_env env, napi_value js, Attr *attr) {
  napi_value name, type, value;
  if (!GetProperty(env, js, "name", &name) || !GetString(env, name, &attr->name) ||
      !GetProperty(env, js, "type", &type) || napi_get_value_int32(env, type, &attr->type) != napi_ok ||
      !GetProperty(env, js, "value", &value))
    return false;
  if (attr->type == TF_ATTR_STRING) return GetString(env, value, &attr->text);
  if (attr->type == TF_ATTR_TENSOR) return ReadTensorAttr(env, value, attr);
  napi_is_array(env, value, &attr->is_list);
  // A shape attr is always a list of dims, possibly empty (a scalar).
  if (attr->is_list || attr->type == TF_ATTR_SHAPE) {
    uint32_t length = 0;
    if (!attr->is_list) return false;
    napi_get_array_length(env, value, &length);
    attr->numbers.resize(length);
    for (uint32_t i = 0; i < length; i++) {
      napi_value element;
      if (napi_get_element(env, value, i, &element) != napi_ok) return false;
      if (attr->type == TF_ATTR_BOOL) {
        bool flag = false;
        if (napi_get_value_bool(env, element, &flag) != napi_ok) return false;
        attr->numbers[i] = flag ? 1 : 0;
      } else if (napi_get_value_double(env, element, &attr->numbers[i]) != napi_ok) {
        return false;
      }
    }
    return true;
  }
  double number = 0;
  if (attr->type == TF_ATTR_BOOL) {
    bool flag = false;
    if (napi_get_value_bool(env, value, &flag) != napi_ok) return false;
    number = flag ? 1 : 0;
  } else if (napi_get_value_double(env, value, &number) != napi_ok) {
    return false;
  }
  attr->numbers.push_back(number);
  return true;
}

bool SetAttr(TF_OperationDescription *desc, const Attr &attr, TF_Status *status) {
  const char *name = attr.name.c_str();
  const size_t n = attr.numbers.size();
  switch (attr.type) {
    case TF_ATTR_STRING:
      TF_SetAttrString(desc, name, attr.text.data(), attr.text.size());
      return true;
    case TF_ATTR_INT: {
      std::vector<int64_t> values(attr.numbers.begin(), attr.numbers.end());
      if (attr.is_list) TF_SetAttrIntList(desc, name, values.data(), static_cast<int>(n));
      else TF_SetAttrInt(desc, name, values[0]);
      return true;
    }
    case TF_ATTR_FLOAT: {
      std::vector<float> values(attr.numbers.begin(), attr.numbers.end());
      if (attr.is_list) TF_SetAttrFloatList(desc, name, values.data(), static_cast<int>(n));
      else TF_SetAttrFloat(desc, name, values[0]);
      return true;
    }
    case TF_ATTR_BOOL: {
      std::vector<unsigned char> values(attr.numbers.begin(), attr.numbers.end());
      if (attr.is_list) TF_SetAttrBoolList(desc, name, values.data(), static_cast<int>(n));
      else TF_SetAttrBool(desc, name, values[0]);
      return true;
    }
    case TF_ATTR_TYPE: {
      std::vector<TF_DataType> values;
      for (double v : attr.numbers) values.push_back(static_cast<TF_DataType>(v));
      if (attr.is_list) TF_SetAttrTypeList(desc, name, values.data(), static_cast<int>(n));
      else TF_SetAttrType(desc, name, values[0]);
      return true;
    }
    case TF_ATTR_SHAPE: {
      std::vector<int64_t> dims(attr.numbers.begin(), attr.numbers.end());
      TF_SetAttrShape(desc, name, dims.data(), static_cast<int>(n));
      return true;
    }
    case TF_ATTR_TENSOR: {
      TF_Tensor *tensor = TF_AllocateTensor(static_cast<TF_DataType>(attr.dtype), attr.shape.data(),
                                            static_cast<int>(attr.shape.size()), attr.bytes.size());
      if (tensor == nullptr) {
        TF_SetStatus(status, TF_RESOURCE_EXHAUSTED, ("attr " + attr.name + ": cannot allocate its tensor").c_str());
        return true;
      }
      if (!attr.bytes.empty()) std::memcpy(TF_TensorData(tensor), attr.bytes.data(), attr.bytes.size());
      TF_SetAttrTensor(desc, name, tensor, status);
      TF_DeleteTensor(tensor);
      return true;
    }
    default:
      return false;
  }
}

// Reads a protobuf varint at `*at`; false past the end.
bool ReadVarint(const uint8_t *data, size_t size, size_t *at, uint64_t *value) {
  *value = 0;
  for (int shift = 0; *at < size && shift < 64; shift += 7) {
    const uint8_t byte = data[(*at)++];
    *value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

// How an OpDef's input argument takes its tensors: a list sized by an int attr (number_attr,
// ArgDef field 5) or by a type-list attr (type_list_attr, field 6), or a single tensor.
struct InputArg {
  std::string number_attr;
  std::string type_list_attr;
};

// Walks one message's fields, calling `on_bytes(field, data, size)` for length-delimited ones.
template <typename OnBytes>
bool WalkFields(const uint8_t *data, size_t size, OnBytes on_bytes) {
  size_t at = 0;
  while (at < size) {
    uint64_t key = 0, value = 0;
    if (!ReadVarint(data, size, &at, &key)) return false;
    switch (key & 7) {
      case 0: if (!ReadVarint(data, size, &at, &value)) return false; break;
      case 1: at += 8; break;
      case 5: at += 4; break;
      case 2:
        if (!ReadVarint(data, size, &at, &value) || at + value > size) return false;
        on_bytes(key >> 3, data + at, static_cast<size_t>(value));
        at += value;
        break;
      default: return false;
    }
  }
  return at == size;
}

// The input arguments of an op, from its serialized OpDef (input_arg is field 2).
bool InputArgsOf(TF_Graph *graph, const std::string &op, std::vector<InputArg> *args, TF_Status *status) {
  TF_Buffer *buffer = TF_NewBuffer();
  TF_GraphGetOpDef(graph, op.c_str(), buffer, status);
  bool ok = TF_GetCode(status) == TF_OK;
  if (ok) {
    ok = WalkFields(static_cast<const uint8_t *>(buffer->data), buffer->length,
                    [&](uint64_t field, const uint8_t *data, size_t size) {
                      if (field != 2) return;
                      InputArg arg;
                      WalkFields(data, size, [&](uint64_t f, const uint8_t *d, size_t s) {
                        if (f == 5) arg.number_attr.assign(reinterpret_cast<const char *>(d), s);
                        if (f == 6) arg.type_list_attr.assign(reinterpret_cast<const char *>(d), s);
                      });
                      args->push_back(arg);
                    });
  }
  TF_DeleteBuffer(buffer);
  return ok;
}

const Attr *FindAttr(const std::vector<Attr> &attrs, const std::string &name) {
  for (const Attr &attr : attrs)
    if (attr.name == name) return &attr;
  return nullptr;
}

// Adds node `index` ({ op, attrs, inputs: [node, output, node, output, ...] }) to the graph.
bool AddNode(napi_env env, TF_Graph *graph, napi_value js, uint32_t index,
             std::vector<TF_Operation *> *nodes, TF_Status *status) {
  napi_value op_value, attrs_value, inputs_value;
  std::string op;
  std::vector<int64_t> flat;
  uint32_t attr_count = 0;
  if (!GetProperty(env, js, "op", &op_value) || !GetString(env, op_value, &op) ||
      !GetProperty(env, js, "attrs", &attrs_value) ||
      napi_get_array_length(env, attrs_value, &attr_count) != napi_ok ||
      !GetProperty(env, js, "inputs", &inputs_value) || !GetIntArray(env, inputs_value, &flat) ||
      flat.size() % 2 != 0)
    return Fail(env, "registerFunction: node " + std::to_string(index) +
                         " must be { op: string, attrs: OpAttr[], inputs: number[] (pairs) }");
  const std::string where = "registerFunction: node " + std::to_string(index) + " (" + op + ")";
  std::vector<Attr> attrs(attr_count);
  for (uint32_t i = 0; i < attr_count; i++) {
    napi_value attr_value;
    napi_get_element(env, attrs_value, i, &attr_value);
    if (!ReadAttr(env, attr_value, &attrs[i])) {
      const std::string expected = attrs[i].type == TF_ATTR_TENSOR
                                       ? " (a tensor attr takes { dtype, shape, values: TypedArray } holding exactly "
                                         "shape's elements of dtype)"
                                       : "";
      return Fail(env, where + ": attr " + std::to_string(i) + " is malformed" + expected);
    }
  }
  std::vector<TF_Output> inputs;
  for (size_t i = 0; i < flat.size(); i += 2) {
    if (flat[i] < 0 || flat[i] >= static_cast<int64_t>(nodes->size()))
      return Fail(env, where + ": input from node " + std::to_string(flat[i]) + ", which is not before it");
    inputs.push_back({(*nodes)[flat[i]], static_cast<int>(flat[i + 1])});
  }
  std::vector<InputArg> args;
  if (!InputArgsOf(graph, op, &args, status)) return Fail(env, where + ": " + TF_Message(status));
  // Group the flat inputs by argument before the description exists: it cannot be abandoned.
  std::vector<std::pair<size_t, bool>> groups;  // (count, is_list) per argument
  size_t total = 0;
  for (const InputArg &arg : args) {
    const bool is_list = !arg.number_attr.empty() || !arg.type_list_attr.empty();
    size_t count = 1;
    if (is_list) {
      const std::string &sizing_name = arg.number_attr.empty() ? arg.type_list_attr : arg.number_attr;
      const Attr *sizing = FindAttr(attrs, sizing_name);
      if (sizing == nullptr || sizing->numbers.empty())
        return Fail(env, where + ": attr " + sizing_name + ", which sizes a list input, is missing");
      count = arg.number_attr.empty() ? sizing->numbers.size() : static_cast<size_t>(sizing->numbers[0]);
    }
    groups.emplace_back(count, is_list);
    total += count;
  }
  if (total != inputs.size())
    return Fail(env, where + ": has " + std::to_string(inputs.size()) + " inputs, its definition takes " +
                         std::to_string(total));
  const std::string name = "n" + std::to_string(index);
  TF_OperationDescription *desc = TF_NewOperation(graph, op.c_str(), name.c_str());
  size_t next = 0;
  for (const auto &[count, is_list] : groups) {
    if (is_list) TF_AddInputList(desc, inputs.data() + next, static_cast<int>(count));
    else TF_AddInput(desc, inputs[next]);
    next += count;
  }
  for (const Attr &attr : attrs)
    if (TF_GetCode(status) == TF_OK && !SetAttr(desc, attr, status)) TF_SetStatus(status, TF_INVALID_ARGUMENT, ("attr " + attr.name + " has an unknown type").c_str());
  if (TF_GetCode(status) != TF_OK) {
    const std::string message = TF_Message(status);
    TF_FinishOperation(desc, status);  // the only way to release a description
    return Fail(env, where + ": " + message);
  }
  TF_Operation *operation = TF_FinishOperation(desc, status);
  if (TF_GetCode(status) != TF_OK) return Fail(env, where + ": " + TF_Message(status));
  nodes->push_back(operation);
  return true;
}

bool ReadOutputs(napi_env env, napi_value js, const std::vector<TF_Operation *> &nodes,
                 std::vector<TF_Output> *out, const char *what) {
  std::vector<int64_t> flat;
  if (!GetIntArray(env, js, &flat) || flat.size() % 2 != 0)
    return Fail(env, std::string("registerFunction: ") + what + " must be pairs [node, output, ...]");
  for (size_t i = 0; i < flat.size(); i += 2) {
    if (flat[i] < 0 || flat[i] >= static_cast<int64_t>(nodes.size()))
      return Fail(env, std::string("registerFunction: ") + what + " names node " + std::to_string(flat[i]) +
                           ", which does not exist");
    out->push_back({nodes[flat[i]], static_cast<int>(flat[i + 1])});
  }
  return true;
}

// registerFunction(name, nodes, inputs, outputs, xla?): builds a graph of `nodes` (each
// { op, attrs, inputs }; a Const's value is a TF_ATTR_TENSOR attr), makes a function of it whose arguments are the `inputs` (pairs
// [placeholder node, 0]) and whose results are the `outputs` (pairs [node, output]), and adds it
// to the eager context under `name`. With `xla` true the function carries _XlaMustCompile, so
// TensorFlow compiles it with XLA's JIT when it first runs.
napi_value RegisterFunction(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value args[5];
  std::string name;
  uint32_t node_count = 0;
  if (napi_get_cb_info(env, info, &argc, args, nullptr, nullptr) != napi_ok || argc < 4 ||
      !GetString(env, args[0], &name) || napi_get_array_length(env, args[1], &node_count) != napi_ok) {
    napi_throw_type_error(env, nullptr, "registerFunction(name, nodes, inputs, outputs) expected");
    return nullptr;
  }
  TFJSBackend *backend = BackendOf(env);
  if (backend == nullptr) return nullptr;
  std::unique_ptr<TF_Graph, decltype(&TF_DeleteGraph)> graph(TF_NewGraph(), TF_DeleteGraph);
  std::unique_ptr<TF_Status, decltype(&TF_DeleteStatus)> status(TF_NewStatus(), TF_DeleteStatus);
  std::vector<TF_Operation *> nodes;
  for (uint32_t i = 0; i < node_count; i++) {
    napi_value node;
    napi_get_element(env, args[1], i, &node);
    if (!AddNode(env, graph.get(), node, i, &nodes, status.get())) return nullptr;
  }
  std::vector<TF_Output> inputs, outputs;
  if (!ReadOutputs(env, args[2], nodes, &inputs, "inputs") ||
      !ReadOutputs(env, args[3], nodes, &outputs, "outputs"))
    return nullptr;
  TF_Function *function = TF_GraphToFunction(
      graph.get(), name.c_str(), 0, -1, nullptr, static_cast<int>(inputs.size()), inputs.data(),
      static_cast<int>(outputs.size()), outputs.data(), nullptr, nullptr, nullptr, status.get());
  if (TF_GetCode(status.get()) != TF_OK) {
    Fail(env, "registerFunction: TF_GraphToFunction(" + name + "): " + TF_Message(status.get()));
    return nullptr;
  }
  bool xla = false;
  if (argc >= 5) napi_get_value_bool(env, args[4], &xla);
  if (xla) {
    // AttrValue { b: true }: field 5, varint 1.
    const unsigned char must_compile[] = {0x28, 0x01};
    TF_FunctionSetAttrValueProto(function, "_XlaMustCompile", must_compile, sizeof(must_compile), status.get());
    if (TF_GetCode(status.get()) != TF_OK) {
      TF_DeleteFunction(function);
      Fail(env, "registerFunction: _XlaMustCompile on " + name + ": " + TF_Message(status.get()));
      return nullptr;
    }
  }
  TFE_ContextAddFunction(backend->context(), function, status.get());
  TF_DeleteFunction(function);
  if (TF_GetCode(status.get()) != TF_OK)
    Fail(env, "registerFunction: TFE_ContextAddFunction(" + name + "): " + TF_Message(status.get()));
  return nullptr;
}

// removeFunction(name): removes a function registerFunction added.
napi_value RemoveFunction(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value args[1];
  std::string name;
  if (napi_get_cb_info(env, info, &argc, args, nullptr, nullptr) != napi_ok || argc < 1 ||
      !GetString(env, args[0], &name)) {
    napi_throw_type_error(env, nullptr, "removeFunction(name: string) expected");
    return nullptr;
  }
  TFJSBackend *backend = BackendOf(env);
  if (backend == nullptr) return nullptr;
  TF_Status *status = TF_NewStatus();
  TFE_ContextRemoveFunction(backend->context(), name.c_str(), status);
  if (TF_GetCode(status) != TF_OK) Fail(env, "removeFunction(" + name + "): " + TF_Message(status));
  TF_DeleteStatus(status);
  return nullptr;
}

// hasFunction(name): whether the eager context holds a function of that name.
napi_value HasFunction(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value args[1];
  std::string name;
  if (napi_get_cb_info(env, info, &argc, args, nullptr, nullptr) != napi_ok || argc < 1 ||
      !GetString(env, args[0], &name)) {
    napi_throw_type_error(env, nullptr, "hasFunction(name: string) expected");
    return nullptr;
  }
  TFJSBackend *backend = BackendOf(env);
  if (backend == nullptr) return nullptr;
  napi_value result;
  napi_get_boolean(env, TFE_ContextHasFunction(backend->context(), name.c_str()) != 0, &result);
  return result;
}

}  // namespace

void RegisterGantryFunctions(napi_env env, napi_value exports) {
  napi_value version, attr_tensor;
  napi_create_int32(env, kFunctionsVersion, &version);
  napi_create_int32(env, TF_ATTR_TENSOR, &attr_tensor);
  napi_property_descriptor properties[] = {
      {"gantryFunctionsVersion", nullptr, nullptr, nullptr, nullptr, version, napi_default, nullptr},
      {"TF_ATTR_TENSOR", nullptr, nullptr, nullptr, nullptr, attr_tensor, napi_default, nullptr},
      {"registerFunction", nullptr, RegisterFunction, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"removeFunction", nullptr, RemoveFunction, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"hasFunction", nullptr, HasFunction, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(properties) / sizeof(properties[0]), properties);
}

}  // namespace tfnodejs
