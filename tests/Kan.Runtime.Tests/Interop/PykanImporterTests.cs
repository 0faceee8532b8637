using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kan.Evaluation;
using Kan.Format;
using Kan.Interop;

namespace Kan.Runtime.Tests.Interop;

/// <summary>Malformed pykan dumps fail with located errors; input_id selects the caller's columns.</summary>
public class PykanImporterTests
{
    private const string Functions =
        "x, x^2, x^3, x^4, x^5, 1/x, 1/x^2, 1/x^3, 1/x^4, 1/x^5, sqrt, x^0.5, x^1.5, 1/sqrt(x), 1/x^0.5, exp, log, abs, " +
        "sin, cos, tan, tanh, sgn, arcsin, arccos, arctan, arctanh, 0, gaussian";

    private static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", name)))!.AsObject();

    /// <summary>The 1-based column where <paramref name="marker"/> starts in one-line JSON, plus <paramref name="skip"/> characters.</summary>
    private static int ColumnOf(string text, string marker, int skip = 0)
    {
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, "marker " + marker);
        text.IndexOf(marker, at + 1, StringComparison.Ordinal).ShouldBe(-1, "marker must be unique: " + marker);
        return at + skip + 1;
    }

    [Fact]
    public void Wrong_tensor_shape_is_located()
    {
        JsonObject dump = Fixture("toy_spline.json");
        dump["state_dict"]!["act_fun.0.coef"]!["shape"]![2] = 7;
        string text = dump.ToJsonString();
        var e = Should.Throw<KanFormatException>(() => PykanImporter.Parse(text, "dump.json"));
        e.Detail.ShouldBe("'act_fun.0.coef' must have size 8 in dimension 2, found 7");
        (e.Line, e.Column).ShouldBe((1, ColumnOf(text, "\"act_fun.0.coef\":{\"shape\":[2,5,7]", "\"act_fun.0.coef\":{\"shape\":[2,5,".Length)));
        e.Message.ShouldStartWith("dump.json(1,");
    }

    [Fact]
    public void Tensor_data_not_filling_its_shape_is_located()
    {
        JsonObject dump = Fixture("toy_spline.json");
        dump["state_dict"]!["act_fun.0.scale_base"]!["data"]!.AsArray().RemoveAt(0);
        string text = dump.ToJsonString();
        var e = Should.Throw<KanFormatException>(() => PykanImporter.Parse(text, "dump.json"));
        e.Detail.ShouldBe("'act_fun.0.scale_base.data' must have 10 entries (the tensor flattened in row-major order), found 9");
        (e.Line, e.Column).ShouldBe((1, ColumnOf(text, "\"act_fun.0.scale_base\":{\"shape\":[2,5],\"data\":[", "\"act_fun.0.scale_base\":{\"shape\":[2,5],\"data\":".Length)));
    }

    [Fact]
    public void Unknown_symbolic_function_is_located()
    {
        JsonObject dump = Fixture("mixed_k2_identity.json");
        dump["config"]!["symbolic.funs_name.0"]![1]![0] = "sinus";
        string text = dump.ToJsonString();
        var e = Should.Throw<KanFormatException>(() => PykanImporter.Parse(text, "dump.json"));
        e.Detail.ShouldBe("unknown symbolic function 'sinus'; expected one of: " + Functions);
        (e.Line, e.Column).ShouldBe((1, ColumnOf(text, "\"sinus\"")));
    }

    [Fact]
    public void Truncated_dump_is_a_format_error_at_the_end()
    {
        string text = Fixture("mult_xy.json").ToJsonString();
        text = text.Substring(0, text.Length / 2);
        var e = Should.Throw<KanFormatException>(() => PykanImporter.Parse(text, "dump.json"));
        e.Line.ShouldBe(1);
        e.Column.ShouldBe(text.Length + 1);
        e.Detail.ShouldStartWith("unexpected end of file");
    }

    [Fact]
    public void Input_id_out_of_range_and_missing_input_id_are_errors()
    {
        JsonObject dump = Fixture("toy_spline.json");
        dump["n_inputs_original"] = 3;
        dump["input_id"] = new JsonArray(3, 0);
        string text = dump.ToJsonString();
        var e = Should.Throw<KanFormatException>(() => PykanImporter.Parse(text, "dump.json"));
        e.Detail.ShouldBe("'input_id' must be from 0 to 2, found 3");
        (e.Line, e.Column).ShouldBe((1, ColumnOf(text, "\"input_id\":[3,0]", "\"input_id\":[".Length)));

        dump.Remove("input_id");
        var missing = Should.Throw<KanFormatException>(() => PykanImporter.Parse(dump.ToJsonString(), "dump.json"));
        missing.Detail.ShouldBe("'input_id' is required when n_inputs_original differs from the first layer's width");
        (missing.Line, missing.Column).ShouldBe((1, 1));
    }

    /// <summary>pykan's x[:, input_id]: with input_id [2, 0] of 3 columns, the model reads column 2 then column 0.</summary>
    [Fact]
    public void Input_id_selects_the_right_caller_columns()
    {
        JsonObject dump = Fixture("toy_spline.json");
        KanModel original = PykanImporter.Parse(dump.ToJsonString(), "original.json");
        dump["n_inputs_original"] = 3;
        dump["input_id"] = new JsonArray(2, 0);
        KanModel selected = PykanImporter.Parse(dump.ToJsonString(), "selected.json");
        selected.InputCount.ShouldBe(3);
        selected.InputIds.ShouldBe(new[] { 2, 0 });

        var a = new KanEvaluator(original);
        var b = new KanEvaluator(selected);
        using var doc = JsonDocument.Parse(dump.ToJsonString());
        JsonElement inputs = doc.RootElement.GetProperty("samples").GetProperty("inputs");
        JsonElement outputs = doc.RootElement.GetProperty("samples").GetProperty("outputs");
        int row = 0;
        foreach (var (input, expected) in inputs.EnumerateArray().Zip(outputs.EnumerateArray()))
        {
            double x0 = input[0].GetDouble(), x1 = input[1].GetDouble();
            // Column 1 is not read: NaN there must not leak into the result.
            double[] y = b.Evaluate(x1, double.NaN, x0);
            y.ShouldBe(a.Evaluate(x0, x1));
            double pykan = expected[0].GetDouble();
            Math.Abs(y[0] - pykan).ShouldBeLessThanOrEqualTo(1e-12 * Math.Max(1, Math.Abs(pykan)), $"row {row}");
            row++;
        }

        row.ShouldBeGreaterThan(50);

        // The selection survives the .kan round trip.
        KanModel back = KanFile.Parse(KanFile.ToText(selected), "selected.kan");
        back.ShouldBe(selected);
    }

    [Theory]
    [InlineData("toy_spline.json")]
    [InlineData("toy_symbolic.json")]
    [InlineData("mult_xy.json")]
    [InlineData("mixed_k2_identity.json")]
    public void Imported_models_round_trip_through_kan_text(string fixture)
    {
        KanModel model = PykanImporter.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", fixture));
        string text = KanFile.ToText(model);
        KanModel back = KanFile.Parse(text, fixture + ".kan");
        back.ShouldBe(model);
        KanFile.ToText(back).ShouldBe(text);
        model.GetMetadata("source").ShouldBe("pykan");
    }
}
