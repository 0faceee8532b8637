using System;
using System.IO;
using System.Linq;
using Kan.Cli.Csv;

namespace Kan.Cli.Tests.Csv;

public class CsvTests
{
    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks_and_lines_are_counted()
    {
        var records = CsvReader.Parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",,x\n\"\"\nlast", "t.csv");
        records.Select(r => r.Line).ShouldBe(new[] { 1, 3, 5, 6 });
        records[0].Fields.ShouldBe(new[] { "a", "b,c", "say \"hi\"" });
        records[1].Fields.ShouldBe(new[] { "multi\nline", "", "x" });
        records[2].Fields.ShouldBe(new[] { "" });
        records[3].Fields.ShouldBe(new[] { "last" });
    }

    [Fact]
    public void Writing_then_reading_gives_back_random_fields()
    {
        var rng = new Random(5);
        const string alphabet = "ab ,\"\r\n1.-";
        for (int trial = 0; trial < 300; trial++)
        {
            var rows = Enumerable.Range(0, rng.Next(1, 5)).Select(_ =>
                Enumerable.Range(0, rng.Next(2, 5)).Select(_ => new string(Enumerable.Range(0, rng.Next(0, 6)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray())).ToArray()).ToArray();
            var writer = new StringWriter();
            foreach (var row in rows)
            {
                CsvWriter.WriteRecord(writer, row);
            }

            var back = CsvReader.Parse(writer.ToString(), "t.csv");
            back.Select(r => r.Fields.ToArray()).ToArray().ShouldBe(rows, "csv: " + writer);
        }
    }

    [Fact]
    public void Numbers_are_written_in_round_trip_form()
    {
        // The build is globalization-invariant, so no other culture can be switched on; "R" with the invariant
        // culture must still give back every bit pattern, including the special values.
        var rng = new Random(9);
        var values = Enumerable.Range(0, 2000).Select(_ => BitConverter.Int64BitsToDouble((long)(rng.NextDouble() * long.MaxValue)) * (rng.Next(2) == 0 ? 1 : -1))
            .Concat(new[] { 0.0, -0.0, double.Epsilon, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1 + 0.2 });
        foreach (double v in values)
        {
            string s = CsvWriter.FormatNumber(v);
            s.ShouldNotContain(",");
            double back = double.Parse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            if (double.IsNaN(v))
            {
                double.IsNaN(back).ShouldBeTrue(s); // NaN payloads are not numbers; only NaN-ness is kept
                continue;
            }

            BitConverter.DoubleToInt64Bits(back).ShouldBe(BitConverter.DoubleToInt64Bits(v), s);
        }
    }
}
