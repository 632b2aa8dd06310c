"""Helpers shared by the tests: real Chromium, real nginx, real CRD schemas."""
