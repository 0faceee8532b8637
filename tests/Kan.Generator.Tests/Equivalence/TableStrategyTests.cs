extern alias gen;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Kan.Evaluation;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Literals = gen::Kan.Generator.Emit.Literals;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// The table strategy on every kind of model (forced with a threshold of 0): B-spline basis at run time, data as
/// string literals, in double and float, as C# 9 on netstandard2.0; and the fallback for a polynomial form that overflows.
/// </summary>
public class TableStrategyTests
{
    [Theory]
    [InlineData("double", 21)]
    [InlineData("float", 22)]
    public void Random_models_in_table_mode_match_the_evaluator(string precision, int seed)
    {
        var random = new RandomModels(seed) { MaxGrid = 20 };
        var models = Enumerable.Range(0, 16).Select(_ => random.Next()).ToList();
        var (result, assembly) = Compile(models, precision, tableModeThreshold: 0);
        result.Diagnostics.Count(d => d.Id == "KAN0003").ShouldBe(models.Count);
        result.GeneratedSources.ShouldAllBe(s => s.SourceText.ToString().Contains("Basis(L0Knots"));
        for (int m = 0; m < models.Count; m++)
        {
            var evaluator = new KanEvaluator(models[m]);
            var expected = new double[models[m].OutputCount];
            foreach (double[] row in random.Inputs(models[m], 1000))
            {
                if (precision == "double")
                {
                    var actual = new double[expected.Length];
                    evaluator.Evaluate(row, expected);
                    Invoke(assembly, m, row, actual);
                    Check(actual, expected, Tolerance.Double, m, row);
                }
                else
                {
                    float[] input = row.Select(v => (float)v).ToArray();
                    var actual = new float[expected.Length];
                    evaluator.Evaluate(input.Select(v => (double)v).ToArray(), expected);
                    Invoke(assembly, m, input, actual);
                    Check(actual.Select(v => (double)v).ToArray(), expected, FloatModeTests.Bound, m, row);
                }
            }
        }
    }

    /// <summary>
    /// A coefficient of 1e308 times the cubic's power-basis factors overflows, so the model cannot be unrolled; the
    /// evaluator computes it (the basis is at most 1), and so must the generated code: tables, a KAN0003 saying why.
    /// </summary>
    [Fact]
    public void A_model_whose_polynomial_form_overflows_falls_back_to_tables()
    {
        KanModel model = ShapedModels.Create(new[] { 2, 3 }, g: 5, k: 3, seed: 3);
        string text = KanFile.ToText(model);
        var coef = new Regex("\"coef\"\\s*:\\s*\\[\\s*\\[\\s*\\[\\s*(-?[0-9.eE+-]+)");
        Match first = coef.Match(text);
        first.Success.ShouldBeTrue();
        KanModel huge = KanFile.Parse(text.Substring(0, first.Groups[1].Index) + "1e308" + text.Substring(first.Groups[1].Index + first.Groups[1].Length));
        huge.Layers[0].Coefficients[0].ShouldBe(1e308);

        var (result, assembly) = Compile(new List<KanModel> { huge }, "double", tableModeThreshold: null);
        result.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("KAN0003");
        result.Diagnostics[0].GetMessage(CultureInfo.InvariantCulture).ShouldContain("polynomial form of layer 0, input 0");
        var evaluator = new KanEvaluator(huge);
        var expected = new double[3];
        var actual = new double[3];
        int large = 0;
        foreach (double[] row in new RandomModels(3).Inputs(huge, 2000))
        {
            evaluator.Evaluate(row, expected);
            Invoke(assembly, 0, row, actual);
            Check(actual, expected, Tolerance.Double, 0, row);
            large += Math.Abs(expected[0]) > 1e300 ? 1 : 0;
        }

        large.ShouldBeGreaterThan(0, "no input reached the huge coefficient");
    }

    [Fact]
    public void Table_mode_compiles_as_CSharp9_against_netstandard2_0()
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        var netstandard = CSharpCompilation.Create(
            "NetStandardTables",
            new[] { CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Empty { } }", parse) },
            new[] { MetadataReference.CreateFromFile(GeneratorHarness.NetStandardReferencePath) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var random = new RandomModels(23);
        var sources = new[] { "double", "float" }.Select((precision, i) => new KanSource("/p/t" + i + ".kan", KanFile.ToText(random.Next()), new Dictionary<string, string> { ["KanPrecision"] = precision }));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(sources, tableModeThreshold: 0).WithUpdatedParseOptions(parse);
        driver.RunGeneratorsAndUpdateCompilation(netstandard, out Compilation output, out var diagnostics);
        diagnostics.ShouldAllBe(d => d.Id == "KAN0003");
        GeneratorHarness.Problems(output).ShouldBeEmpty();
        output.SyntaxTrees.Count(t => t.ToString().Contains("= Data(\"")).ShouldBe(2);
    }

    /// <summary>
    /// The data literal is exact for any 64 bits: random patterns plus every char class that must be escaped
    /// (controls, quotes, backslash, surrogates, line and format chars, non-characters), read back by the C# parser.
    /// </summary>
    [Fact]
    public void Data_literals_round_trip_every_bit_pattern_through_the_CSharp_parser()
    {
        var rng = new Random(9);
        var chars = new ushort[] { 0, 0x0A, 0x0D, 0x22, 0x5C, 0x7F, 0x85, 0xA0, 0xAD, 0x2028, 0x2029, 0x202E, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFEFF, 0xFFFE, 0xFFFF, 0x41, 0x4E00 };
        var values = new List<double> { 0.0, -0.0, double.Epsilon, double.MaxValue, -double.MinValue };
        values.AddRange(Enumerable.Range(0, 4000).Select(_ =>
        {
            long bits = 0;
            for (int part = 0; part < 4; part++)
            {
                long c = rng.Next(3) == 0 ? chars[rng.Next(chars.Length)] : rng.Next(0x10000);
                bits |= c << (16 * part);
            }

            return BitConverter.Int64BitsToDouble(bits);
        }).Where(v => !double.IsNaN(v) && !double.IsInfinity(v)));

        string literal = Literals.Data(values, asFloat: false);
        literal.ShouldNotContain("\n");
        literal.ShouldNotContain("\r");
        var token = ((LiteralExpressionSyntax)SyntaxFactory.ParseExpression(literal)).Token;
        token.GetDiagnostics().ShouldBeEmpty();
        string text = token.ValueText;
        text.Length.ShouldBe(4 * values.Count);
        for (int v = 0; v < values.Count; v++)
        {
            long bits = text[4 * v] | (long)text[4 * v + 1] << 16 | (long)text[4 * v + 2] << 32 | (long)text[4 * v + 3] << 48;
            bits.ShouldBe(BitConverter.DoubleToInt64Bits(values[v]), $"value {v}");
        }
    }

    internal static (GeneratorRunResult Result, System.Reflection.Assembly Assembly) Compile(List<KanModel> models, string precision, long? tableModeThreshold)
    {
        var sources = models.Select((m, i) => new KanSource("/tables/t" + i + ".kan", KanFile.ToText(m), new Dictionary<string, string> { ["KanClassName"] = "T" + i, ["KanPrecision"] = precision })).ToList();
        var (result, output) = GeneratorHarness.Run(sources, "Tables", tableModeThreshold: tableModeThreshold);
        result.Diagnostics.ShouldAllBe(d => d.Severity != DiagnosticSeverity.Error);
        return (result, GeneratorHarness.Load(output));
    }

    internal static void Invoke<T>(System.Reflection.Assembly assembly, int model, T[] input, T[] output) =>
        assembly.GetType("Tables.T" + model)!.GetMethod("Predict", new[] { typeof(T[]), typeof(T[]) })!.Invoke(null, new object[] { input, output });

    internal static void Check(double[] actual, double[] expected, double tolerance, int model, double[] row)
    {
        for (int o = 0; o < expected.Length; o++)
        {
            Tolerance.Error(actual[o], expected[o]).ShouldBeLessThanOrEqualTo(tolerance, $"model {model} output {o} at ({string.Join(", ", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}): generated {actual[o]:R}, evaluator {expected[o]:R}");
        }
    }
}
