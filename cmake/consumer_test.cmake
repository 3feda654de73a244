# The library test (cmake -P): installs the build tree BUILD into SCRATCH/prefix, imports the
# Python module from there with PYTHON (when it is built), builds the
# project in SOURCE/tests/consumer against it with find_package and runs it, then configures
# that project with SOURCE as a subproject (Catch2 hidden: only tests need it) and builds the
# kernel library there.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE failed OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(failed)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "failed: ${command}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${SCRATCH})
set(prefix ${SCRATCH}/prefix)
run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix})
foreach(file bin/loopix-sim include/loopix_sim/core/model/network.h include/loopix_sim/analysis/metrics.h
             lib/cmake/loopix_sim/loopix_simConfig.cmake share/doc/loopix-sim/LICENSE)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "not installed: ${prefix}/${file}")
  endif()
endforeach()
if(EXISTS ${BUILD}/loopix-sim.1)  # built when help2man is found
  file(READ ${prefix}/share/man/man1/loopix-sim.1 page)
  if(NOT page MATCHES "\\.SS sweep")
    message(FATAL_ERROR "the installed man page has no section for the sweep subcommand")
  endif()
endif()
run(${prefix}/bin/loopix-sim --version)
if(NOT out MATCHES "^loopix-sim [0-9]+\\.[0-9]+\\.[0-9]+")
  message(FATAL_ERROR "installed loopix-sim --version printed: ${out}")
endif()

# The installed Python module (when built): imported from the prefix alone, it runs the command.
if(EXISTS ${BUILD}/python/loopix_sim)
  file(GLOB_RECURSE module ${prefix}/__init__.py)
  list(FILTER module INCLUDE REGEX "/loopix_sim/__init__\\.py$")
  if(NOT module)
    message(FATAL_ERROR "the Python module is built but not installed under ${prefix}")
  endif()
  get_filename_component(packages ${module} DIRECTORY)
  get_filename_component(packages ${packages} DIRECTORY)
  run(${CMAKE_COMMAND} -E env PYTHONPATH=${packages} ${PYTHON} -c
      "import loopix_sim\nloopix_sim.validate('${SOURCE}/scenarios/quickstart.json')\nprint(loopix_sim.__file__)")
  if(NOT out MATCHES "^${packages}/loopix_sim/__init__.py")
    message(FATAL_ERROR "loopix_sim was imported from elsewhere: ${out}")
  endif()
  message(STATUS "Python module: imported from ${packages}")
endif()

run(${CMAKE_COMMAND} -S ${SOURCE}/tests/consumer -B ${SCRATCH}/installed -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_PREFIX_PATH=${prefix})
run(${CMAKE_COMMAND} --build ${SCRATCH}/installed)
run(${SCRATCH}/installed/consumer ${SOURCE}/scenarios/quickstart.json)
if(NOT out MATCHES "^events [1-9][0-9]*, per-mix entropy [0-9]+\\.[0-9]+ bits")
  message(FATAL_ERROR "the consumer printed: ${out}")
endif()
message(STATUS "installed: ${out}")

run(${CMAKE_COMMAND} -S ${SOURCE}/tests/consumer -B ${SCRATCH}/subproject -DCMAKE_BUILD_TYPE=Release
    -DLOOPIX_SOURCE=${SOURCE} -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON)
run(${CMAKE_COMMAND} --build ${SCRATCH}/subproject --target loopix_sim)
message(STATUS "subproject: configured, kernel built")
