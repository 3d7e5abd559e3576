#ifndef GUANXI_CPOPPLER_SHIM_H
#define GUANXI_CPOPPLER_SHIM_H
/*
 * poppler-glib: the PDF reader (text with a box per character, font sizes,
 * image positions). Only Sources/Guanxi/Reader/PDF/PopplerAdapter.swift uses it.
 */
#include <poppler.h>
#include <cairo.h>
#endif
