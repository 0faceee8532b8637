using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Kan.Evaluation;
using Kan.Format;
using Kan.Runtime.Tests.Support;

namespace Kan.Runtime.Tests.Format;

/// <summary>
/// Mutated .kan files either read or fail with <see cref="KanFormatException"/>: never another exception, never a
/// hang, never a huge allocation for a tiny file.
/// </summary>
public class KanFileFuzzTests
{
    private const int Mutations = 10000;

    private static readonly string[] NumberSwaps =
    {
        "NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e-400", "-0", "0", "-1", "-5", "1.5", "999999", "1000001",
        "2147483648", "-2147483649", "99999999999999999999", "\"1\"", "null", "true", "[]", "{}",
    };

    private static readonly string Noise = "{}[],:\"0123456789.-+eE tnulfaINx\n\\/";

    [Fact]
    public async Task Mutated_files_read_or_fail_with_KanFormatException_quickly()
    {
        var models = new RandomModels(2024) { MaxWidth = 3, MaxGrid = 4 };
        var sources = new List<string> { BadKanFiles.Valid, FormatExampleTests.ExampleText() };
        for (int s = 0; s < 4; s++)
        {
            sources.Add(KanFile.ToText(models.Next()));
        }

        var rng = new Random(77);
        string current = "";
        int read = 0, rejected = 0;
        TimeSpan slowest = TimeSpan.Zero;
        string slowestText = "";
        var total = Stopwatch.StartNew();
        var work = Task.Run(() =>
        {
            for (int n = 0; n < Mutations; n++)
            {
                string text = sources[rng.Next(sources.Count)];
                int edits = 1 + rng.Next(3);
                for (int e = 0; e < edits; e++)
                {
                    text = Mutate(text, rng);
                }

                current = text;
                var one = Stopwatch.StartNew();
                try
                {
                    KanModel model = KanFile.Parse(text, "fuzz.kan");
                    // Whatever reads must also write back to itself and be evaluable.
                    KanFile.Parse(KanFile.ToText(model), "again.kan").ShouldBe(model);
                    _ = new KanEvaluator(model);
                    read++;
                }
                catch (KanFormatException e)
                {
                    e.Line.ShouldBeGreaterThanOrEqualTo(1);
                    e.Column.ShouldBeGreaterThanOrEqualTo(1);
                    e.Position.Offset.ShouldBeInRange(0, text.Length);
                    e.Message.ShouldStartWith("fuzz.kan(");
                    rejected++;
                }
                catch (Exception e) when (e is not Shouldly.ShouldAssertException)
                {
                    throw new InvalidOperationException("mutation " + n + " threw " + e.GetType().Name + " instead of KanFormatException:\n" + text, e);
                }

                if (one.Elapsed > slowest)
                {
                    slowest = one.Elapsed;
                    slowestText = text;
                }
            }
        });

        try
        {
            await work.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("reading hung on:\n" + current);
        }

        (read + rejected).ShouldBe(Mutations);
        rejected.ShouldBeGreaterThan(Mutations / 2);
        read.ShouldBeGreaterThan(50, "some mutations (number swaps) should still be valid files");
        slowest.ShouldBeLessThan(TimeSpan.FromSeconds(1), "slowest read:\n" + slowestText);
        total.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Tiny_file_claiming_a_huge_shape_fails_fast_without_allocating()
    {
        BadKanFiles.Case claim = BadKanFiles.All.Single(c => c.Name == "absurd claimed out");
        KanFile.Parse(BadKanFiles.Valid, "warm-up.kan"); // JIT and statics outside the measurement
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Should.Throw<KanFormatException>(() => KanFile.Parse(claim.Text, "claim.kan"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        e.Detail.ShouldBe(claim.Detail);
        allocated.ShouldBeLessThan(2L << 20, $"allocated {allocated} bytes to reject a {claim.Text.Length}-character file");
    }

    /// <summary>Shapes whose product overflows int must fail as a format error, not an arithmetic or allocation one.</summary>
    [Theory]
    [InlineData(1000000, 1100)]
    [InlineData(999999, 4000)]
    public void Claimed_shape_whose_size_overflows_int_is_a_format_error(int outputs, int knots)
    {
        string row = "[" + string.Join(", ", Enumerable.Range(0, knots)) + "]";
        string text =
            "{\"format\": \"kan/1\", \"inputs\": [\"a\", \"b\"], \"outputs\": [\"y\"], \"layers\": [{\"in\": 2, \"out\": " + outputs +
            ", \"k\": 1, \"base\": \"silu\", \"knots\": [" + row + ", " + row + "], \"coef\": [[[0]], [[0]]], \"scale_base\": [[0]], " +
            "\"scale_sp\": [[0]], \"mask\": [[0]], \"subnode_scale\": [0], \"subnode_bias\": [0], \"node_scale\": [0], \"node_bias\": [0]}]}";
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Should.Throw<KanFormatException>(() => KanFile.Parse(text, "claim.kan"));
        e.Detail.ShouldBe("'coef[0]' must have " + outputs + " entries (one per output), found 1");
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(4L << 20);
    }

    private static string Mutate(string text, Random rng)
    {
        if (text.Length == 0)
        {
            return Noise[rng.Next(Noise.Length)].ToString();
        }

        int at = rng.Next(text.Length);
        switch (rng.Next(9))
        {
            case 0: // truncate
                return text.Substring(0, at);
            case 1: // delete a span
                return text.Remove(at, Math.Min(text.Length - at, 1 + rng.Next(40)));
            case 2: // flip a character
                return text.Substring(0, at) + Noise[rng.Next(Noise.Length)] + text.Substring(at + 1);
            case 3: // swap a number for a hostile one
            {
                var numbers = Regex.Matches(text, @"-?\d+(\.\d+)?([eE][-+]?\d+)?");
                if (numbers.Count == 0)
                {
                    return text;
                }

                Match m = numbers[rng.Next(numbers.Count)];
                return text.Substring(0, m.Index) + NumberSwaps[rng.Next(NumberSwaps.Length)] + text.Substring(m.Index + m.Length);
            }

            case 4: // delete a field ("name": value up to the next comma)
            {
                var fields = Regex.Matches(text, "\"[a-z_]+\": ");
                if (fields.Count == 0)
                {
                    return text;
                }

                Match m = fields[rng.Next(fields.Count)];
                int comma = text.IndexOf(',', m.Index);
                return comma < 0 ? text.Remove(m.Index) : text.Remove(m.Index, comma - m.Index + 1);
            }

            case 5: // duplicate a field
            {
                var fields = Regex.Matches(text, "\"[a-z_]+\": [^,\\[{]*,");
                if (fields.Count == 0)
                {
                    return text;
                }

                Match m = fields[rng.Next(fields.Count)];
                return text.Insert(m.Index, m.Value + " ");
            }

            case 6: // duplicate an array's contents or the array itself
            {
                int open = text.IndexOf('[', at);
                if (open < 0)
                {
                    return text;
                }

                int close = Matching(text, open);
                if (close < 0)
                {
                    return text;
                }

                string inner = text.Substring(open + 1, close - open - 1);
                return rng.Next(2) == 0
                    ? text.Substring(0, close) + (inner.Length > 0 ? ", " + inner : "") + text.Substring(close)
                    : text.Substring(0, close + 1) + ", " + text.Substring(open, close - open + 1) + text.Substring(close + 1);
            }

            case 7: // duplicate a line
            {
                var lines = text.Split('\n').ToList();
                int l = rng.Next(lines.Count);
                lines.Insert(l, lines[l]);
                return string.Join("\n", lines);
            }

            default: // insert deep nesting or a run of brackets
                return text.Insert(at, new string(rng.Next(2) == 0 ? '[' : '{', 1 + rng.Next(100)));
        }
    }

    private static int Matching(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            if (text[i] == '[')
            {
                depth++;
            }
            else if (text[i] == ']' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
