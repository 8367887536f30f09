"""The view's colours: labels readable on what they are drawn on, and tie colours that stay
apart for readers with colour blindness."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from kg.viz.style import (
    LABEL_INSIDE,
    MINIMUM_CONTRAST,
    NODE_STYLES,
    PAGE_BACKGROUND,
    TIE_COLOURS,
    contrast,
    label_colour,
)  # fmt: skip

SIMULATIONS = {
    "normal vision": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}  # fmt: skip
"""Machado, Oliveira & Fernandes (2009) full-severity matrices, on linear RGB."""
DISTINCT = 20.0
"""Least CIE76 colour difference between two tie colours, under every simulation."""


def _linear(colour: str) -> np.ndarray:
    value = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(value <= 0.04045, value / 12.92, ((value + 0.055) / 1.055) ** 2.4)


def _lab(rgb: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ np.clip(
        rgb, 0, 1
    )
    f = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(f > 0.008856, np.cbrt(f), 7.787 * f + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def least_difference(colours: dict[str, str]) -> dict[str, float]:
    """The smallest colour difference between two of ``colours`` under each simulation."""
    return {
        name: min(float(np.linalg.norm(_lab(m @ _linear(a)) - _lab(m @ _linear(b))))
                  for a, b in itertools.combinations(colours.values(), 2))
        for name, m in SIMULATIONS.items()
    }  # fmt: skip


def test_every_node_label_is_readable_on_what_it_is_drawn_on() -> None:
    for kind, style in NODE_STYLES.items():
        background = style.colour if style.shape in LABEL_INSIDE else PAGE_BACKGROUND
        assert contrast(label_colour(style.shape, style.colour), background) >= MINIMUM_CONTRAST, kind


def test_tie_colours_stand_out_from_the_page_and_from_each_other() -> None:
    assert all(contrast(colour, PAGE_BACKGROUND) >= 3 for colour in TIE_COLOURS.values())
    assert all(found >= DISTINCT for found in least_difference(TIE_COLOURS).values()), least_difference(
        TIE_COLOURS
    )


@pytest.mark.parametrize(
    "colours",
    [{"message": "#d62728", "coparticipation": "#ff7f0e", "team": "#1f77b4", "chat": "#17becf"},  # the old ones
     {"message": "#CC79A7", "coparticipation": "#D55E00", "team": "#0072B2", "chat": "#009E73"}],
)  # fmt: skip
def test_the_check_refuses_faint_or_confusable_colours(colours: dict[str, str]) -> None:
    faint = any(contrast(colour, PAGE_BACKGROUND) < 3 for colour in colours.values())
    assert faint or min(least_difference(colours).values()) < DISTINCT
