"""The notes' figures: one pure function per figure, a registry naming them, and a renderer.

- :mod:`figures.registry` lists every figure (name, function, caption, alt text) as data.
- :mod:`figures.style` holds the light and dark themes.
- :mod:`figures.activations`, :mod:`figures.perceptron`, :mod:`figures.training` draw them.
- :mod:`figures.render` renders and caches them as SVG.

Importing this package does not import matplotlib; only rendering does.
"""
