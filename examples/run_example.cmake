# Configures, builds and runs one example project against an installed gai, and compares
# its standard output with SOURCE/expected.txt.
# cmake -DSOURCE= -DBINARY= -DPREFIX= -DEXE= -DGENERATOR= -DC_COMPILER= -DCXX_COMPILER= -P run_example.cmake
file(REMOVE_RECURSE ${BINARY})
# Against a sanitized gai (GAI_SANITIZE) the example needs the sanitizer runtimes too (and,
# for the C example, UBSan's C++ part, which libgai's vptr checks use).
set(flags "")
if(SANITIZE)
  set(flags -DCMAKE_C_FLAGS=-fsanitize=address,undefined -DCMAKE_CXX_FLAGS=-fsanitize=address,undefined
            "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined -fsanitize-link-c++-runtime -lstdc++")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    -DCMAKE_BUILD_TYPE=Release ${flags}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring ${SOURCE} failed:\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building ${SOURCE} failed:\n${out}")
endif()
# The installed library must be the one the executable loads.
find_program(LDD ldd)
if(LDD)
  execute_process(COMMAND ${LDD} ${BINARY}/${EXE} OUTPUT_VARIABLE libs)
  string(REGEX MATCH "libgai\\.so[^ ]* => ([^ ]+)" found "${libs}")
  if(NOT CMAKE_MATCH_1 MATCHES "^${PREFIX}/")
    message(FATAL_ERROR "${EXE} does not load libgai from ${PREFIX}:\n${libs}")
  endif()
endif()
execute_process(COMMAND ${BINARY}/${EXE} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} exited with ${rc}:\n${out}${err}")
endif()
file(READ ${SOURCE}/expected.txt expected)
if(NOT out STREQUAL expected)
  file(WRITE ${BINARY}/actual.txt "${out}")
  message(FATAL_ERROR "${EXE}: output differs from ${SOURCE}/expected.txt (actual in ${BINARY}/actual.txt):\n${out}")
endif()
message(STATUS "${EXE}: output as expected")
