# quiver_add_module(<name> DIR <folder under src/> SOURCES ... [DEPS <modules>...]
#                   [EXTERNAL <imported targets>...] [TEST_EXTERNAL <targets>...])
#
# One static library `quiver_<name>` per src/ folder. Its link list is exactly DEPS
# (other Quiver modules, named without the prefix) plus EXTERNAL (third-party imported
# targets). The allowed module graph is recorded so that `layering_check` (a CTest) can
# fail the build when a file includes a header from a module its library may not use.
#
# Unit tests: every `*_test.cc` in the folder is compiled into one executable
# `quiver_<name>_test`, registered with CTest.
function(quiver_add_module name)
  cmake_parse_arguments(M "" "DIR" "SOURCES;DEPS;EXTERNAL;TEST_EXTERNAL" ${ARGN})
  set(target quiver_${name})
  add_library(${target} STATIC ${M_SOURCES})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR}/src)
  set(link_deps)
  foreach(dep IN LISTS M_DEPS)
    list(APPEND link_deps quiver_${dep})
  endforeach()
  target_link_libraries(${target} PUBLIC ${link_deps} ${M_EXTERNAL})

  set_property(GLOBAL APPEND PROPERTY QUIVER_MODULES ${name})
  set_property(GLOBAL PROPERTY QUIVER_MODULE_DIR_${name} ${M_DIR})
  set_property(GLOBAL PROPERTY QUIVER_MODULE_DEPS_${name} ${M_DEPS})

  if(QUIVER_BUILD_TESTS)
    file(GLOB tests CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${M_DIR}/*_test.cc)
    if(tests)
      add_executable(${target}_test ${tests})
      target_link_libraries(${target}_test PRIVATE ${target} quiver_testing ${M_TEST_EXTERNAL}
                            GTest::gmock GTest::gtest_main)
      gtest_discover_tests(${target}_test DISCOVERY_TIMEOUT 60
                           PROPERTIES LABELS unit ENVIRONMENT QUIVER_SOURCE_DIR=${PROJECT_SOURCE_DIR})
    endif()
  endif()
endfunction()

# Computes the transitive closure of allowed modules for each module and registers a
# test that scans every source file's `#include "<module>/..."` lines against it.
function(quiver_add_layering_check)
  get_property(modules GLOBAL PROPERTY QUIVER_MODULES)
  set(spec "")
  foreach(module IN LISTS modules)
    set(closure ${module})
    set(frontier ${module})
    while(frontier)
      list(POP_FRONT frontier current)
      get_property(deps GLOBAL PROPERTY QUIVER_MODULE_DEPS_${current})
      foreach(dep IN LISTS deps)
        if(NOT dep IN_LIST closure)
          list(APPEND closure ${dep})
          list(APPEND frontier ${dep})
        endif()
      endforeach()
    endwhile()
    set(dirs "")
    foreach(m IN LISTS closure)
      get_property(d GLOBAL PROPERTY QUIVER_MODULE_DIR_${m})
      list(APPEND dirs ${d})
    endforeach()
    get_property(own GLOBAL PROPERTY QUIVER_MODULE_DIR_${module})
    string(REPLACE ";" "," dirs_csv "${dirs}")
    string(APPEND spec "${own}=${dirs_csv}\n")
  endforeach()
  file(WRITE ${PROJECT_BINARY_DIR}/layering.txt "${spec}")
  if(QUIVER_BUILD_TESTS)
    add_test(NAME layering_check
             COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR}/src
                     -DSPEC=${PROJECT_BINARY_DIR}/layering.txt
                     -P ${PROJECT_SOURCE_DIR}/cmake/CheckLayering.cmake)
    set_tests_properties(layering_check PROPERTIES LABELS unit)
  endif()
endfunction()
