/*
 * Captures what native code writes to the process's stderr (file descriptor 2) between
 * begin() and end(), so gantry can drop TensorFlow's load-time log lines. TensorFlow logs
 * some of them through Abseil before Abseil's logging is initialised, in static
 * initialisers that run while the library is loaded: TF_CPP_MIN_LOG_LEVEL does not reach
 * them, and nothing can run inside the process before them. Node has no dup2, hence this.
 */
#include <node_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int saved_stderr = -1;
static FILE *capture = NULL;

static napi_value fail(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

static napi_value begin(napi_env env, napi_callback_info info) {
  (void)info;
  if (capture != NULL) return fail(env, "stderr capture: begin() called twice");
  fflush(stderr);
  capture = tmpfile();
  if (capture == NULL) return fail(env, "stderr capture: no temporary file");
  saved_stderr = dup(STDERR_FILENO);
  if (saved_stderr < 0 || dup2(fileno(capture), STDERR_FILENO) < 0) {
    fclose(capture);
    capture = NULL;
    return fail(env, "stderr capture: could not redirect file descriptor 2");
  }
  return NULL;
}

static napi_value end(napi_env env, napi_callback_info info) {
  (void)info;
  if (capture == NULL) return fail(env, "stderr capture: end() without begin()");
  fflush(stderr);
  dup2(saved_stderr, STDERR_FILENO);
  close(saved_stderr);
  saved_stderr = -1;
  long size = ftell(capture);
  char *text = size > 0 ? malloc((size_t)size) : NULL;
  size_t length = 0;
  if (text != NULL) {
    rewind(capture);
    length = fread(text, 1, (size_t)size, capture);
  }
  fclose(capture);
  capture = NULL;
  napi_value result;
  napi_create_string_utf8(env, text == NULL ? "" : text, length, &result);
  free(text);
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor methods[] = {
      {"begin", NULL, begin, NULL, NULL, NULL, napi_default, NULL},
      {"end", NULL, end, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 2, methods);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
