"""The notes' figures: one pure function per figure, a registry naming them, and a renderer.

- `figures.registry` lists every figure (name, function, caption, alt text) as data.
- `figures.style` holds the light and dark themes.
- `figures.activations`, `figures.perceptron`, `figures.training` draw them.
- `figures.render` renders and caches them as SVG.

Importing this package does not import matplotlib; only rendering does.
"""
