"""Compiles goodpoints' Cython module ktc in place (kt.py imports it).

Run from the directory that holds an extracted `goodpoints/` package; needs
Debian's cython3 and python3-numpy (`apt-get install -y cython3 python3-numpy`).
Only ktc is built: kt.thin with Python kernel functions uses nothing else.
"""
import numpy
from Cython.Build import cythonize
from setuptools import Extension, setup

ext = Extension('goodpoints.ktc', ['goodpoints/ktc.pyx'], include_dirs=[numpy.get_include()],
                extra_compile_args=['-O3'], libraries=['m'])
setup(script_args=['build_ext', '--inplace', '-q'],
      ext_modules=cythonize([ext], language_level='3', include_path=['goodpoints'], quiet=True))
