"""Reading posting files: the `import` and `analyze` readers, limits and validation."""
