package api

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Version is the API's version in the OpenAPI document.
const Version = "1.0.0"

// OpenAPI returns the OpenAPI 3.1 document for routes: the paths and
// parameters come from the route table, the schemas from the Go types of
// the responses (by their json tags).
func OpenAPI(routes []Route) map[string]any {
	g := &schemaGen{defs: map[string]any{}}
	errRef := g.schema(reflect.TypeFor[ErrorResult]())
	paths := map[string]any{}
	for _, r := range routes {
		var params []any
		for _, p := range r.Params {
			params = append(params, paramDoc(p))
		}
		op := map[string]any{
			"operationId": r.ID,
			"summary":     r.Summary,
			"responses": map[string]any{
				"200": jsonResponse("OK", g.schema(reflect.TypeOf(r.Result))),
				"400": jsonResponse("The request is malformed; error says which parameter and why", errRef),
				"500": jsonResponse("The store failed", errRef),
			},
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if strings.Contains(r.Path, "{") {
			op["responses"].(map[string]any)["404"] = jsonResponse("No such id", errRef)
		}
		item, _ := paths[r.Path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[r.Path] = item
		}
		item[strings.ToLower(r.Method)] = op
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "dyad API",
			"version":     Version,
			"description": "Political events coded from news text (CAMEO, Goldstein, PLOVER), with the evidence sentence behind each one.",
			"license":     map[string]any{"name": "See the dyad repository"},
		},
		"paths":      paths,
		"components": map[string]any{"schemas": g.defs},
	}
}

func jsonResponse(desc string, schema any) map[string]any {
	return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": schema}}}
}

var codePattern = "^[A-Za-z0-9]{3,15}$"

// paramDoc describes one parameter as OpenAPI does.
func paramDoc(p Param) map[string]any {
	s := map[string]any{}
	switch p.Kind {
	case KindString, KindWords:
		s["type"], s["maxLength"] = "string", maxParamLen
	case KindCode:
		s["type"], s["pattern"] = "string", codePattern
	case KindGroup:
		s["type"], s["pattern"] = "string", "^[A-Za-z]{3}$"
	case KindDyad:
		s["type"], s["pattern"] = "string", "^[A-Za-z0-9]{3,15},[A-Za-z0-9]{3,15}$"
	case KindDate:
		s["type"], s["format"] = "string", "date"
	case KindInt:
		s["type"], s["minimum"], s["maximum"] = "integer", p.Min, p.Max
	case KindDigits:
		s["type"], s["pattern"] = "string", "^[0-9]{"+strconv.Itoa(p.Min)+","+strconv.Itoa(p.Max)+"}$"
	case KindEnum:
		s["type"], s["enum"] = "string", p.Enum
	case KindBBox:
		s["type"], s["pattern"] = "string", `^-?[0-9.]+(,-?[0-9.]+){3}$`
	case KindCursor:
		s["type"], s["pattern"] = "string", "^[A-Za-z0-9_-]*$"
	case KindID:
		s["type"], s["pattern"] = "string", "^[A-Za-z0-9._-]{1,100}$"
	}
	if p.Default != "" {
		if p.Kind == KindInt {
			n, _ := strconv.Atoi(p.Default)
			s["default"] = n
		} else {
			s["default"] = p.Default
		}
	}
	d := map[string]any{"name": p.Name, "in": p.In, "description": p.Doc, "schema": s}
	if p.Required || p.In == "path" {
		d["required"] = true
	}
	if p.Example != "" {
		d["example"] = p.Example
	}
	return d
}

// schemaGen turns Go types into JSON Schema (2020-12, as OpenAPI 3.1
// uses), naming each struct type once under components/schemas.
type schemaGen struct {
	defs map[string]any
}

var timeType = reflect.TypeFor[time.Time]()

var nonWord = regexp.MustCompile(`[^A-Za-z0-9]+`)

func (g *schemaGen) schema(t reflect.Type) any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t.Kind() == reflect.Pointer:
		inner := g.schema(t.Elem())
		return map[string]any{"oneOf": []any{inner, map[string]any{"type": "null"}}}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Array:
		return map[string]any{"type": "array", "items": g.schema(t.Elem()), "minItems": t.Len(), "maxItems": t.Len()}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Struct:
		name := nonWord.ReplaceAllString(t.Name(), "")
		if pkg := t.PkgPath(); pkg != "" && name != "" {
			if _, ok := g.defs[name]; !ok {
				g.defs[name] = nil // reserve, for recursive types
				g.defs[name] = g.object(t)
			}
			return map[string]any{"$ref": "#/components/schemas/" + name}
		}
		return g.object(t)
	}
	return map[string]any{}
}

func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	g.fields(t, props, &required)
	o := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// fields adds t's JSON fields to props, flattening embedded structs as
// encoding/json does.
func (g *schemaGen) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			g.fields(f.Type, props, required)
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = g.schema(f.Type)
		if !strings.Contains(opts, "omitempty") {
			*required = append(*required, name)
		}
	}
}
