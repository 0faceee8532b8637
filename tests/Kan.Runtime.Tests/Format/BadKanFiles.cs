using System;
using System.Collections.Generic;

namespace Kan.Runtime.Tests.Format;

/// <summary>
/// Malformed <c>.kan</c> texts, each a small edit of <see cref="Valid"/>, with the exact error the reader must give:
/// line, column and detail (the message is <c>"bad.kan(line,col): detail"</c>). Plain data with no test-framework
/// dependency, so other test projects (e.g. the generator's diagnostics tests) can link this file and reuse the table.
/// </summary>
public static class BadKanFiles
{
    public const string FileName = "bad.kan";

    /// <summary>A valid two-layer model touching every field: input_ids, normalisation, metadata, symbolic, multiplication.</summary>
    public const string Valid =
        "{\n" +
        "  \"format\": \"kan/1\",\n" +
        "  \"name\": \"base\",\n" +
        "  \"inputs\": [\"a\", \"b\", \"c\"],\n" +
        "  \"outputs\": [\"y\"],\n" +
        "  \"input_ids\": [2, 0],\n" +
        "  \"input_normalization\": {\"scale\": [1, 2, 0.5], \"bias\": [0, -1, 0.25]},\n" +
        "  \"metadata\": {\"formula\": \"y = f(c, a)\"},\n" +
        "  \"layers\": [\n" +
        "    {\n" +
        "      \"in\": 2, \"out\": 2, \"k\": 1, \"base\": \"silu\",\n" +
        "      \"knots\": [[-2, -1, 0, 1, 2], [-2, -1, 0, 1, 2]],\n" +
        "      \"coef\": [[[0.5, 1, -0.5], [0, 0, 0]], [[1, 0, 2], [0, 0, 0]]],\n" +
        "      \"scale_base\": [[1, 0], [0.5, 0]],\n" +
        "      \"scale_sp\": [[1, 1], [1, 1]],\n" +
        "      \"mask\": [[1, 0], [1, 0]],\n" +
        "      \"symbolic\": [{\"in\": 0, \"out\": 1, \"fn\": \"sin\", \"a\": 1, \"b\": 0, \"c\": 1, \"d\": 0, \"mask\": 1}],\n" +
        "      \"subnode_scale\": [1, 1], \"subnode_bias\": [0, 0],\n" +
        "      \"node_scale\": [1, 1], \"node_bias\": [0, 0]\n" +
        "    },\n" +
        "    {\n" +
        "      \"in\": 2, \"out\": 1, \"k\": 2, \"base\": \"identity\", \"sum\": 0, \"mult_arity\": [2],\n" +
        "      \"knots\": [[-3, -2, -1, 0, 1, 2, 3], [-3, -2, -1, 0, 1, 2, 3]],\n" +
        "      \"coef\": [[[1, 2, 3, 4], [0, 0, 0, 0]], [[0, 0, 0, 0], [4, 3, 2, 1]]],\n" +
        "      \"scale_base\": [[0, 0], [0, 0]],\n" +
        "      \"scale_sp\": [[1, 1], [1, 1]],\n" +
        "      \"mask\": [[1, 1], [1, 1]],\n" +
        "      \"subnode_scale\": [1, 1], \"subnode_bias\": [0, 0],\n" +
        "      \"node_scale\": [1], \"node_bias\": [0]\n" +
        "    }\n" +
        "  ]\n" +
        "}\n";

    private const string Functions =
        "x, x^2, x^3, x^4, x^5, 1/x, 1/x^2, 1/x^3, 1/x^4, 1/x^5, sqrt, x^0.5, x^1.5, 1/sqrt(x), 1/x^0.5, exp, log, abs, " +
        "sin, cos, tan, tanh, sgn, arcsin, arccos, arctan, arctanh, 0, gaussian";

    private const string LayerFields =
        "in, out, k, base, sum, mult_arity, knots, coef, scale_base, scale_sp, mask, symbolic, subnode_scale, subnode_bias, node_scale, node_bias";

    /// <summary>One malformed file and the error it must raise.</summary>
    public sealed record Case(string Name, string Text, int Line, int Column, string Detail)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Case> All { get; } = new[]
    {
        // Not JSON at all.
        new Case("empty file", "", 1, 1, "the file is empty; expected a JSON object"),
        new Case("only whitespace", "  \n   ", 2, 4, "the file is empty; expected a JSON object"),
        new Case("truncated inside knots", Valid.Substring(0, Valid.IndexOf("0, 1, 2]", StringComparison.Ordinal)), 12, 26, "unexpected end of file; expected a value"),
        new Case("truncated after a field", Valid.Substring(0, Valid.IndexOf("\"name\"", StringComparison.Ordinal)), 3, 3, "unexpected end of file; expected a field name"),
        new Case("truncated before the last brace", Valid.Substring(0, Valid.Length - 2), 32, 1, "unexpected end of file; expected ',' or '}'"),
        new Case("missing comma between fields", Edit("\"name\": \"base\",", "\"name\": \"base\""), 4, 3, "expected ',' or '}'"),
        new Case("trailing comma in array", Edit("[\"a\", \"b\", \"c\"]", "[\"a\", \"b\", \"c\",]"), 4, 28, "unexpected character ']'; expected a value"),
        new Case("text after the document", Valid + "}", 33, 1, "unexpected text after the end of the JSON document"),
        new Case("line break inside a string", Edit("\"base\",", "\"ba\nse\","), 3, 14, "unterminated string (a line break inside a string)"),
        new Case("invalid escape", Edit("\"base\",", "\"ba\\qse\","), 3, 15, "invalid escape sequence in a string"),
        new Case("single quotes", Edit("\"format\"", "'format'"), 2, 3, "expected a field name in double quotes"),
        new Case("root is an array", "[" + Valid + "]", 1, 1, "the model must be an object, found an array"),
        new Case("duplicate field", Edit("\"name\": \"base\",", "\"name\": \"base\", \"name\": \"other\","), 3, 19, "duplicate field 'name'"),
        new Case("deep nesting", Edit("\"y = f(c, a)\"", new string('[', 70) + new string(']', 70)), 8, 90, "nesting deeper than 64 levels"),

        // Top level.
        new Case("unknown format version", Edit("\"kan/1\"", "\"kan/2\""), 2, 13, "unsupported format 'kan/2'; this reader understands 'kan/1'"),
        new Case("format not a string", Edit("\"kan/1\"", "1"), 2, 13, "'format' must be a string, found a number"),
        new Case("missing outputs", Edit("  \"outputs\": [\"y\"],\n", ""), 1, 1, "the model is missing the required field 'outputs'"),
        new Case("misspelled field name", Edit(",\n  \"layers\": [", ",\n  \"layerz\": ["), 9, 3, "unknown field 'layerz' in the model; expected one of: format, name, inputs, outputs, input_ids, input_normalization, metadata, generator, layers"),
        new Case("extra top-level field", Edit("\"name\": \"base\",", "\"name\": \"base\", \"extra\": 1,"), 3, 19, "unknown field 'extra' in the model; expected one of: format, name, inputs, outputs, input_ids, input_normalization, metadata, generator, layers"),
        new Case("generator not an object", Edit("\"y = f(c, a)\"},", "\"y = f(c, a)\"}, \"generator\": 1,"), 8, 56, "generator must be an object, found a number"),
        new Case("generator unknown field", Edit("\"y = f(c, a)\"},", "\"y = f(c, a)\"}, \"generator\": {\"class\": \"A\"},"), 8, 57, "unknown field 'class' in generator; expected one of: class_name, namespace, accessibility, precision, vector_batch"),
        new Case("generator value not a string", Edit("\"y = f(c, a)\"},", "\"y = f(c, a)\"}, \"generator\": {\"precision\": 32},"), 8, 70, "'generator.precision' must be a string, found a number"),
        new Case("generator vector_batch not a boolean", Edit("\"y = f(c, a)\"},", "\"y = f(c, a)\"}, \"generator\": {\"vector_batch\": \"false\"},"), 8, 73, "'generator.vector_batch' must be true or false, found a string"),
        new Case("no inputs", Edit("[\"a\", \"b\", \"c\"]", "[]"), 4, 13, "'inputs' must name at least one column"),
        new Case("duplicate input name", Edit("[\"a\", \"b\", \"c\"]", "[\"a\", \"b\", \"a\"]"), 4, 24, "'inputs' names 'a' twice"),
        new Case("empty output name", Edit("[\"y\"]", "[\"\"]"), 5, 15, "'outputs[0]' is empty; every column needs a name"),
        new Case("input_ids out of range", Edit("[2, 0]", "[3, 0]"), 6, 17, "'input_ids' must be from 0 to 2, found 3"),
        new Case("input_ids negative", Edit("[2, 0]", "[2, -1]"), 6, 20, "'input_ids' must be from 0 to 2, found -1"),
        new Case("normalization scale too short", Edit("[1, 2, 0.5]", "[1, 2]"), 7, 36, "'scale' must have 3 entries (one per input), found 2"),
        new Case("normalization extra field", Edit("\"bias\": [0, -1, 0.25]", "\"bias\": [0, -1, 0.25], \"mean\": [0, 0, 0]"), 7, 72, "unknown field 'mean' in input_normalization; expected one of: scale, bias"),
        new Case("normalization missing bias", Edit(", \"bias\": [0, -1, 0.25]", ""), 7, 26, "input_normalization is missing the required field 'bias'"),
        new Case("metadata value not a string", Edit("\"y = f(c, a)\"", "1"), 8, 27, "'metadata.formula' must be a string, found a number"),
        new Case("missing layers", Cut(",\n  \"layers\"", "\n}\n"), 1, 1, "the model is missing the required field 'layers'"),
        new Case("no layers", Cut("\"layers\": [", "\"layers\": []\n}\n"), 9, 13, "'layers' must hold from 1 to 1000 layers, found 0"),
        new Case("outputs count mismatch", Edit("[\"y\"]", "[\"y\", \"w\"]"), 22, 23, "the last layer has 1 outputs but 'outputs' names 2"),

        // Layer scalars.
        new Case("missing k", Edit("\"k\": 1, ", ""), 10, 5, "layer 0 is missing the required field 'k'"),
        new Case("extra layer field", Edit("\"base\": \"silu\",", "\"base\": \"silu\", \"scale_bse\": 1,"), 11, 50, "unknown field 'scale_bse' in layer 0; expected one of: " + LayerFields),
        new Case("k = 0", Edit("\"k\": 1,", "\"k\": 0,"), 11, 31, "'k' must be from 1 to 32, found 0"),
        new Case("k too large", Edit("\"k\": 1,", "\"k\": 33,"), 11, 31, "'k' must be from 1 to 32, found 33"),
        new Case("k fractional", Edit("\"k\": 1,", "\"k\": 1.5,"), 11, 31, "'k' must be a whole number from 1 to 32, found 1.5"),
        new Case("k as a string", Edit("\"k\": 1,", "\"k\": \"1\","), 11, 31, "'k' must be a whole number, found a string"),
        new Case("negative width", Edit("\"out\": 2,", "\"out\": -2,"), 11, 23, "'out' must be from 1 to 1000000, found -2"),
        new Case("absurd claimed in", Edit("\"in\": 2, \"out\": 2,", "\"in\": 999999, \"out\": 2,"), 11, 13, "'in' of layer 0 must be 2 (the length of input_ids), found 999999"),
        new Case("absurd claimed out", Edit("\"out\": 2,", "\"out\": 999999,"), 13, 16, "'coef[0]' must have 999999 entries (one per output), found 2"),
        new Case("unknown base", Edit("\"silu\"", "\"relu\""), 11, 42, "unknown base function 'relu'; expected silu, identity or zero"),
        new Case("in mismatch between layers", Edit("\"in\": 2, \"out\": 1,", "\"in\": 3, \"out\": 1,"), 22, 13, "'in' of layer 1 must be 2 (the 'out' of layer 0), found 3"),
        new Case("layer is not an object", Edit("  ]\n}", "  , 1]\n}"), 31, 5, "layer 2 must be an object, found a number"),

        // Arrays at every nesting level.
        new Case("knots: one row missing", Edit("[[-2, -1, 0, 1, 2], [-2, -1, 0, 1, 2]]", "[[-2, -1, 0, 1, 2]]"), 12, 16, "'knots' must have 2 entries (one knot vector per input), found 1"),
        new Case("knots: row too short", Edit("[-2, -1, 0, 1, 2]]", "[-2, -1, 0, 1]]"), 12, 36, "'knots[1]' must have 5 entries (every input of a layer has the same number of knots), found 4"),
        new Case("knots: fewer than 2k + 2", Edit("[[-2, -1, 0, 1, 2], [-2, -1, 0, 1, 2]]", "[[-2, 0, 2], [-2, 0, 2]]"), 12, 17, "'knots[0]' must hold G + 2k + 1 knots with G >= 1 (at least 4 for k = 1), found 3"),
        new Case("knots decreasing", Edit("[-2, -1, 0, 1, 2]]", "[-2, -1, 0.5, 0, 2]]"), 12, 50, "knots must be non-decreasing: knots[1][3] = 0 is less than the knot before it"),
        new Case("knot is NaN", Edit("[[-2, -1,", "[[NaN, -1,"), 12, 18, "'NaN' is not a JSON number; every number must be finite"),
        new Case("knot is Infinity", Edit("1, 2]]", "1, Infinity]]"), 12, 51, "'Infinity' is not a JSON number; every number must be finite"),
        new Case("knot is -Infinity", Edit("[[-2, -1,", "[[-Infinity, -1,"), 12, 18, "'-Infinity' is not a JSON number; every number must be finite"),
        new Case("coef: one row missing", Edit("[[[0.5, 1, -0.5], [0, 0, 0]], [[1, 0, 2], [0, 0, 0]]]", "[[[0.5, 1, -0.5], [0, 0, 0]]]"), 13, 15, "'coef' must have 2 entries (one row per input), found 1"),
        new Case("coef: one edge missing", Edit("[[1, 0, 2], [0, 0, 0]]", "[[1, 0, 2]]"), 13, 45, "'coef[1]' must have 2 entries (one per output), found 1"),
        new Case("coef: one coefficient missing", Edit("[0.5, 1, -0.5]", "[0.5, 1]"), 13, 17, "'coef[0][0]' must have 3 entries (G + k coefficients per edge), found 2"),
        new Case("coef is 1e999", Edit("[0.5, 1, -0.5]", "[1e999, 1, -0.5]"), 13, 18, "'coef[0][0][0]' is 1e999, which is outside the range of a double"),
        new Case("coef as a string", Edit("[0.5, 1, -0.5]", "[\"0.5\", 1, -0.5]"), 13, 18, "'coef[0][0][0]' must be a finite number, found a string"),
        new Case("coef is null", Edit("[0.5, 1, -0.5]", "[null, 1, -0.5]"), 13, 18, "'coef[0][0][0]' must be a finite number, found null"),
        new Case("coef: bad exponent", Edit("[0.5, 1, -0.5]", "[0.5e, 1, -0.5]"), 13, 22, "expected a digit in the exponent"),
        new Case("scale_base: row too short", Edit("[[1, 0], [0.5, 0]]", "[[1, 0], [0.5]]"), 14, 30, "'scale_base[1]' must have 2 entries (one per output), found 1"),
        new Case("scale_sp is an object", Edit("\"scale_sp\": [[1, 1], [1, 1]],\n      \"mask\": [[1, 0]", "\"scale_sp\": {},\n      \"mask\": [[1, 0]"), 15, 19, "'scale_sp' must be an array (one row per input), found an object"),
        new Case("mask: one row missing", Edit("[[1, 0], [1, 0]]", "[[1, 0]]"), 16, 15, "'mask' must have 2 entries (one row per input), found 1"),
        new Case("subnode_scale too short for the mult operands", Edit("\"subnode_scale\": [1, 1], \"subnode_bias\": [0, 0],\n      \"node_scale\": [1]", "\"subnode_scale\": [1], \"subnode_bias\": [0, 0],\n      \"node_scale\": [1]"), 28, 24, "'subnode_scale' must have 2 entries (one per subnode: 0 sums + 2 multiplication operands), found 1"),
        new Case("node_bias too long", Edit("\"node_bias\": [0]\n", "\"node_bias\": [0, 0]\n"), 29, 39, "'node_bias' must have 1 entries (one per output), found 2"),
        new Case("missing node_scale", Edit("\"node_scale\": [1], ", ""), 21, 5, "layer 1 is missing the required field 'node_scale'"),

        // Multiplication nodes.
        new Case("mult_arity of 1", Edit("\"mult_arity\": [2]", "\"mult_arity\": [1]"), 22, 79, "'mult_arity' must be from 2 to 64, found 1"),
        new Case("more mult nodes than outputs", Edit("\"mult_arity\": [2]", "\"mult_arity\": [2, 2]"), 22, 78, "'mult_arity' lists 2 multiplication nodes but the layer has only 1 outputs"),
        new Case("sum disagrees with mult_arity", Edit("\"sum\": 0,", "\"sum\": 1,"), 22, 61, "'sum' must be 0 ('out' minus the number of multiplication nodes), found 1"),

        // Symbolic edges.
        new Case("unknown symbolic function", Edit("\"sin\"", "\"sine\""), 17, 46, "unknown symbolic function 'sine'; expected one of: " + Functions),
        new Case("duplicate symbolic edge", Edit("\"mask\": 1}]", "\"mask\": 1}, {\"in\": 0, \"out\": 1, \"fn\": \"cos\", \"a\": 1, \"b\": 0, \"c\": 1, \"d\": 0, \"mask\": 1}]"), 17, 104, "edge (0, 1) of layer 0 has two symbolic entries"),
        new Case("symbolic in out of range", Edit("{\"in\": 0, \"out\": 1,", "{\"in\": 2, \"out\": 1,"), 17, 27, "'in' must be from 0 to 1, found 2"),
        new Case("symbolic out out of range", Edit("{\"in\": 0, \"out\": 1,", "{\"in\": 0, \"out\": 5,"), 17, 37, "'out' must be from 0 to 1, found 5"),
        new Case("symbolic missing c", Edit("\"c\": 1, ", ""), 17, 20, "a symbolic edge of layer 0 is missing the required field 'c'"),
        new Case("symbolic extra field", Edit("\"mask\": 1}]", "\"mask\": 1, \"e\": 0}]"), 17, 96, "unknown field 'e' in a symbolic edge of layer 0; expected one of: in, out, fn, a, b, c, d, mask"),
        new Case("symbolic a is NaN", Edit("\"a\": 1,", "\"a\": NaN,"), 17, 58, "'NaN' is not a JSON number; every number must be finite"),
    };

    /// <summary><see cref="Valid"/> cut before the first occurrence of <paramref name="find"/>, then <paramref name="end"/>.</summary>
    private static string Cut(string find, string end)
    {
        int at = Valid.IndexOf(find, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("BadKanFiles: '" + find + "' is not in the valid text");
        }

        return Valid.Substring(0, at) + end;
    }

    /// <summary><see cref="Valid"/> with the first occurrence of <paramref name="find"/> replaced (which must exist).</summary>
    private static string Edit(string find, string replace)
    {
        int at = Valid.IndexOf(find, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("BadKanFiles: '" + find + "' is not in the valid text");
        }

        return Valid.Substring(0, at) + replace + Valid.Substring(at + find.Length);
    }
}
