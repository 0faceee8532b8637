using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Format;
using Kan.Runtime.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Kan.Generator.Tests.Diagnostics;

/// <summary>
/// Thousands of mutated .kan files: the generator never lets an exception out, every bad file gets a located
/// KAN0001 in that file, and whatever it does emit compiles cleanly (compiled per batch to keep time down).
/// </summary>
public class FuzzTests
{
    private const string Noise = "{}[],:\"0123456789.-+eE tnulfaINx\n\\/";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Mutated_files_give_located_diagnostics_or_compiling_code(int seed)
    {
        var rng = new Random(seed);
        var models = new RandomModels(seed) { MaxWidth = 3, MaxGrid = 3, MaxLayers = 2, MaxOrder = 3 };
        var seeds = new List<string> { BadKanFiles.Valid };
        seeds.AddRange(Enumerable.Range(0, 4).Select(_ => KanFile.ToText(models.Next())));
        var sources = new List<KanSource>();
        for (int i = 0; i < 750; i++)
        {
            string text = seeds[rng.Next(seeds.Count)];
            int edits = 1 + rng.Next(3);
            for (int e = 0; e < edits; e++)
            {
                text = Mutate(text, rng);
            }

            // Half in float mode, where a double from the file can overflow the code's number type (KAN0005).
            sources.Add(new KanSource("/fuzz/f" + i + ".kan", text, i % 2 == 0 ? null : new Dictionary<string, string> { ["KanPrecision"] = "float" }));
        }

        var (result, output) = GeneratorHarness.Run(sources);
        result.Exception.ShouldBeNull();
        result.Diagnostics.ShouldAllBe(d => d.Id == "KAN0001" || d.Id == "KAN0005");
        var generated = result.GeneratedSources.Select(s => s.HintName).ToHashSet();
        int bad = 0;
        foreach (var source in sources)
        {
            string className = "F" + source.Path.Substring("/fuzz/f".Length, source.Path.Length - "/fuzz/f".Length - ".kan".Length);
            var mine = result.Diagnostics.Where(d => d.Location.GetLineSpan().Path == source.Path).ToList();
            if (generated.Contains("Generated." + className + ".g.cs"))
            {
                mine.ShouldBeEmpty();
                continue;
            }

            bad++;
            var diagnostic = mine.ShouldHaveSingleItem(source.Path);
            var span = diagnostic.Location.GetLineSpan();
            span.StartLinePosition.Line.ShouldBeLessThanOrEqualTo(source.Text.Count(c => c == '\n'));
            diagnostic.Location.SourceSpan.End.ShouldBeLessThanOrEqualTo(source.Text.Length);
        }

        bad.ShouldBeGreaterThan(100, "the mutations should break most files");
        (sources.Count - bad).ShouldBeGreaterThan(10, "some mutations should keep files valid");
        result.Diagnostics.Count(d => d.Id == "KAN0005").ShouldBeGreaterThan(0, "some numbers should overflow float");
        GeneratorHarness.Problems(output).ShouldBeEmpty();
    }

    private static string Mutate(string text, Random rng)
    {
        if (text.Length == 0)
        {
            return Noise[rng.Next(Noise.Length)].ToString();
        }

        int at = rng.Next(text.Length);
        var sb = new StringBuilder(text);
        switch (rng.Next(7))
        {
            case 0:
                sb.Remove(at, Math.Min(text.Length - at, 1 + rng.Next(4)));
                break;
            case 1:
                sb.Insert(at, Noise[rng.Next(Noise.Length)]);
                break;
            case 2:
                sb[at] = Noise[rng.Next(Noise.Length)];
                break;
            case 3:
                // Change a digit: usually keeps the file valid, exercising emission of odd but legal models.
                int digit = text.IndexOfAny("0123456789".ToCharArray(), at);
                if (digit >= 0)
                {
                    sb[digit] = (char)('0' + rng.Next(10));
                }

                break;
            case 4:
                sb.Length = at;
                break;
            case 5:
                // A number beyond float's range (or near double's), which float-mode code cannot write as a literal.
                int end = text.IndexOfAny("0123456789".ToCharArray(), at);
                while (end >= 0 && end < text.Length && "0123456789.".IndexOf(text[end]) >= 0)
                {
                    end++;
                }

                if (end >= 0 && (end == text.Length || (text[end] != 'e' && text[end] != 'E')))
                {
                    sb.Insert(end, "e45");
                }

                break;
            default:
                int digit2 = text.IndexOfAny("123456789".ToCharArray(), at);
                if (digit2 >= 0)
                {
                    sb.Insert(digit2, "-");
                }

                break;
        }

        return sb.ToString();
    }
}
