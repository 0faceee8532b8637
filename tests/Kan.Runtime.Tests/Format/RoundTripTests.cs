using System;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Kan.Evaluation;
using Kan.Format;
using Kan.Runtime.Tests.Support;

namespace Kan.Runtime.Tests.Format;

/// <summary>Write then read gives the same model, the same bytes and bit-identical evaluation, on any culture.</summary>
public class RoundTripTests
{
    [Fact]
    public void Random_models_round_trip_exactly()
    {
        var models = new RandomModels(31);
        for (int n = 0; n < 200; n++)
        {
            KanModel model = models.Next();
            string text = KanFile.ToText(model);
            KanModel back = KanFile.Parse(text, "round.kan");
            back.ShouldBe(model, $"model {n}");
            back.GetHashCode().ShouldBe(model.GetHashCode());
            KanFile.ToText(back).ShouldBe(text, $"model {n}: writing the read model must give the same text");
            KanFile.ToText(model).ShouldBe(text, $"model {n}: writing twice must give the same text");

            var a = new KanEvaluator(model);
            var b = new KanEvaluator(back);
            foreach (double[] row in models.Inputs(model, 5))
            {
                Bits(b.Evaluate(row)).ShouldBe(Bits(a.Evaluate(row)), $"model {n}");
            }
        }
    }

    [Theory]
    [InlineData(null, null, null, null, null)]
    [InlineData("Drag", "Game.Physics", "internal", "float", false)]
    [InlineData(null, null, null, "double", true)]
    [InlineData("not checked here", null, "private", null, null)]
    public void The_generator_object_round_trips_and_does_not_change_evaluation(string? className, string? ns, string? accessibility, string? precision, bool? vectorBatch)
    {
        KanModel plain = new RandomModels(77).Next();
        var settings = new GeneratorSettings(className, ns, accessibility, precision, vectorBatch);
        var model = new KanModel(plain.InputNames, plain.OutputNames, plain.InputIds, plain.Layers, plain.Metadata, plain.Name, plain.InputScale, plain.InputBias, settings);
        string text = KanFile.ToText(model);
        text.ShouldContain("\"generator\": {");
        KanModel back = KanFile.Parse(text, "settings.kan");
        back.Generator.ShouldBe(settings);
        back.ShouldBe(model);
        back.ShouldNotBe(plain, "the generator object is part of the model's value");
        KanFile.ToText(back).ShouldBe(text);
        KanFile.Parse(KanFile.ToText(plain), "plain.kan").Generator.ShouldBeNull();
        double[] row = new RandomModels(78).Inputs(plain, 1).First();
        new KanEvaluator(back).Evaluate(row).ShouldBe(new KanEvaluator(plain).Evaluate(row));
    }

    [Fact]
    public void Extreme_doubles_round_trip_bit_for_bit()
    {
        var rng = new Random(5);
        double[] specials =
        {
            0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 2.2250738585072014E-308,
            2.2250738585072009E-308, 0.1 + 0.2, 1.0 / 3.0, Math.PI, -Math.E, 123456789012345678.0, 5e-324, 1e21, 1e-7, 9007199254740993.0,
        };
        KanModel template = new RandomModels(8) { MaxLayers = 1 }.Next();
        KanLayer l = template.Layers[0];
        var values = Enumerable.Range(0, l.Coefficients.Length)
            .Select(i => i < specials.Length ? specials[i] : RandomFinite(rng))
            .ToImmutableArray();
        KanLayer.Builder changed = l.ToBuilder();
        changed.Coefficients = values;
        var layer = changed.Build();
        var model = new KanModel(template.InputNames, template.OutputNames, template.InputIds, ImmutableArray.Create(layer),
            template.Metadata, template.Name, template.InputScale, template.InputBias);

        // The forms docs/kan-format.md promises: shortest round-trip, invariant, "E" exponents, signed zero.
        KanFileWriter.Number(1e-5).ShouldBe("1E-05");
        KanFileWriter.Number(-0.0).ShouldBe("-0");
        KanFileWriter.Number(0.1).ShouldBe("0.1");
        KanFileWriter.Number(-2.5).ShouldBe("-2.5");

        KanModel back = KanFile.Parse(KanFile.ToText(model), "extreme.kan");
        Bits(back.Layers[0].Coefficients.ToArray()).ShouldBe(Bits(values.ToArray()));
        back.ShouldBe(model);
    }

    [Fact]
    public void Text_does_not_depend_on_the_current_culture()
    {
        var models = new RandomModels(41);
        KanModel[] sample = Enumerable.Range(0, 30).Select(_ => models.Next()).ToArray();
        string[] invariant = sample.Select(KanFile.ToText).ToArray();

        // InvariantGlobalization is on (Directory.Build.props), so named cultures such as sv-SE do not exist here;
        // a writable clone of the invariant culture with sv-SE's comma decimal separator and a U+2212 minus sign
        // is just as hostile to a writer that forgets CultureInfo.InvariantCulture.
        var hostile = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        hostile.NumberFormat.NegativeSign = "\u2212";
        hostile.NumberFormat.NumberDecimalSeparator = ",";
        hostile.NumberFormat.NumberGroupSeparator = "\u00a0";
        hostile.NumberFormat.PositiveSign = "\u002b";
        CultureInfo saved = CultureInfo.CurrentCulture, savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = hostile;
            CultureInfo.CurrentUICulture = hostile;
            (-1.5).ToString().ShouldBe("\u22121,5", "the hostile culture must really change how doubles format");
            (-1.5).ToString("R").ShouldBe("\u22121,5");
            for (int n = 0; n < sample.Length; n++)
            {
                string text = KanFile.ToText(sample[n]);
                text.ShouldBe(invariant[n]);
                System.Text.RegularExpressions.Regex.IsMatch(text, "\u2212[0-9]|[0-9],[0-9]").ShouldBeFalse("no culture-formatted number");
                KanFile.Parse(text, "culture.kan").ShouldBe(sample[n]);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }

    [Fact]
    public void Write_is_atomic_replaces_and_leaves_no_temporary_file()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kan-roundtrip-" + Guid.NewGuid().ToString("N"));
        try
        {
            var models = new RandomModels(51);
            KanModel first = models.Next(), second = models.Next();
            string path = Path.Combine(dir, "nested", "model.kan");

            KanFile.Write(first, path);
            byte[] once = File.ReadAllBytes(path);
            KanFile.Write(first, path);
            File.ReadAllBytes(path).ShouldBe(once, "writing the same model twice must give identical bytes");
            once.Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF }, "no byte-order mark");
            Encoding.UTF8.GetString(once).ShouldBe(KanFile.ToText(first));
            KanFile.Read(path).ShouldBe(first);

            File.WriteAllText(path, "stale content that is longer than nothing");
            KanFile.Write(second, path);
            KanFile.Read(path).ShouldBe(second);
            Directory.GetFiles(Path.Combine(dir, "nested")).ShouldBe(new[] { path }, "the temporary file must be gone");

            // A reader holding the old file open does not see a half-written new one: it keeps the old contents.
            using (var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                KanFile.Write(first, path);
                using var old = new StreamReader(reader);
                KanFile.Parse(old.ReadToEnd(), "old.kan").ShouldBe(second);
            }

            KanFile.Read(path).ShouldBe(first);
            Directory.GetFiles(Path.Combine(dir, "nested")).Length.ShouldBe(1);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static double RandomFinite(Random rng)
    {
        while (true)
        {
            double d = BitConverter.Int64BitsToDouble(rng.NextInt64());
            if (double.IsFinite(d))
            {
                return d;
            }
        }
    }
}
