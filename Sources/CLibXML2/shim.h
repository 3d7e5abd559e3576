#ifndef GUANXI_CLIBXML2_SHIM_H
#define GUANXI_CLIBXML2_SHIM_H
/*
 * Debian's libxml2 is built with ICU, so <libxml/encoding.h> includes
 * <unicode/ucnv.h>. Those system ICU headers clash with the ICU copy that
 * Foundation ships (_FoundationICU: "UErrorCode ... is not present in
 * definition"). guanxi never touches libxml2's ICU converters, so declare the
 * two opaque types libxml2's struct needs and keep ucnv.h out.
 */
#include <stdint.h>
#ifndef UCNV_H
#define UCNV_H
typedef struct UConverter UConverter;
typedef uint16_t UChar;
#endif
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/relaxng.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#endif
