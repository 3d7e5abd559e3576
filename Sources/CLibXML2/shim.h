#ifndef GUANXI_CLIBXML2_SHIM_H
#define GUANXI_CLIBXML2_SHIM_H
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/relaxng.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#endif
