"""Bundled resources: trained weights, icons, translations (installed as lenet_gui.resources)."""
