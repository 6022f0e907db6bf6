# -*- Python -*-
# lit configuration of lockwarden's tests: one folder per check or feature under
# testcases/, each test a .c file with RUN lines. The values that depend on the build
# (clang, plugin, tools) come from the build folder's lit.site.cfg.py, made by CMake.
#
# Run all:   ctest --test-dir build -R lit --output-on-failure
# Run some:  python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv \
#              --param lw_site_config=build/testcases/lit.site.cfg.py testcases/<check>/
import os
import shutil

import lit.formats

if not hasattr(config, "lw_obj_root"):
    # Run on the source tree: the site config must be named.
    site = lit_config.params.get("lw_site_config")
    if not site:
        lit_config.fatal(
            "no build configuration: run lit on <build>/testcases, or pass "
            "--param lw_site_config=<build>/testcases/lit.site.cfg.py")
    lit_config.load_config(config, os.path.abspath(site))
else:
    config.name = "lockwarden"
    config.test_format = lit.formats.ShTest(True)
    config.suffixes = [".c"]
    config.excludes = ["Inputs", "unit"]
    config.test_source_root = os.path.dirname(os.path.abspath(__file__))
    config.test_exec_root = os.path.join(config.lw_obj_root, "testcases")

    if not os.path.isfile(config.lw_plugin):
        lit_config.fatal("plugin not built: %s (run cmake --build first)" % config.lw_plugin)
    if not os.path.isfile(config.lw_lockwarden):
        lit_config.fatal("driver not built: %s (run cmake --build first)" % config.lw_lockwarden)
    if not os.path.isfile(config.lw_clang):
        lit_config.fatal("clang not found: %s" % config.lw_clang)

    # LLVM's FileCheck, not, split-file and count before anything else on PATH.
    config.environment["PATH"] = os.pathsep.join(
        [config.lw_llvm_tools_dir, config.environment.get("PATH", "")])
    # Stable diagnostics: no colours, no locale-dependent quotes.
    config.environment["LC_ALL"] = "C"
    config.environment["TERM"] = "dumb"

    lw_flags = "-fplugin=%s -I %s" % (config.lw_plugin, config.lw_include)

    # lit substitutes in order: a name that is the prefix of another comes after it
    # (%clang_major before %clang). Ours come before lit's own %s, so %sparse is safe.
    config.substitutions.append(("%clang_major", config.lw_clang_major))
    config.substitutions.append(("%clang", config.lw_clang))
    config.substitutions.append(("%lw_plugin", config.lw_plugin))
    config.substitutions.append(("%lockwarden", config.lw_lockwarden))
    config.substitutions.append(("%lw_include", config.lw_include))
    config.substitutions.append(("%lw_flags", lw_flags))
    config.substitutions.append(("%lw_src", config.lw_src_root))
    config.substitutions.append(("%python", config.lw_python))

    gcc = config.lw_gcc or shutil.which("gcc")
    sparse = config.lw_sparse or shutil.which("sparse")
    config.substitutions.append(("%gcc", gcc or "gcc-not-found"))
    config.substitutions.append(("%sparse", sparse or "sparse-not-found"))

    config.available_features.add("llvm-%s" % config.lw_clang_major)
    if gcc:
        config.available_features.add("gcc")
    if sparse:
        config.available_features.add("sparse")
    if shutil.which("meson") and shutil.which("ninja"):
        config.available_features.add("meson")
    if shutil.which("make"):
        config.available_features.add("make")
