using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Kan.Format;
using Kan.Interop;
using Kan.Interop.Pykan;
using Kan.Interop.Torch;

namespace Kan.Runtime.Tests.Interop.Torch;

/// <summary>
/// Mutated fixtures (bytes of the archive, bytes of the pickle inside it, lines of the YAML config) either import
/// or fail with the format error; no other exception escapes.
/// </summary>
public sealed class TorchFuzzTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kan-torch-fuzz-" + Guid.NewGuid().ToString("N"));

    public TorchFuzzTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("pykan_toy_f64_state", 1)]
    [InlineData("pykan_mult_sym_f32_state", 2)]
    [InlineData("ekan_3_4_2_f32.pt", 3)]
    [InlineData("dtypes_p4.pt", 4)]
    public void Mutated_archives_fail_only_with_the_format_error(string fixture, int seed)
    {
        byte[] original = File.ReadAllBytes(TorchReaderTests.FixturePath(fixture));
        var rng = new Random(seed);
        int refused = 0;
        for (int n = 0; n < 400; n++)
        {
            byte[] mutant = Mutate(original, rng);
            refused += Outcome(mutant, fixture) ? 0 : 1;
        }

        refused.ShouldBeGreaterThan(0, "the mutations must reach the error paths");
    }

    [Theory]
    [InlineData("pykan_mult_sym_f32_state", 5)]
    [InlineData("ekan_3_4_2_f32.pt", 6)]
    [InlineData("dtypes_p5.pt", 7)]
    public void Mutated_pickles_fail_only_with_the_format_error(string fixture, int seed)
    {
        // The container stays valid and only data.pkl changes, so the mutations reach the pickle machine.
        using var zip = ZipFile.OpenRead(TorchReaderTests.FixturePath(fixture));
        var entries = zip.Entries.Select(e => (e.FullName, Bytes: Read(e))).ToList();
        int pkl = entries.FindIndex(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal));
        var rng = new Random(seed);
        int refused = 0, read = 0;
        for (int n = 0; n < 400; n++)
        {
            var copy = entries.ToList();
            copy[pkl] = (copy[pkl].FullName, Mutate(copy[pkl].Bytes, rng));
            bool ok = Outcome(HostileTorchFiles.RawZip(copy), fixture);
            refused += ok ? 0 : 1;
            read += ok ? 1 : 0;
        }

        refused.ShouldBeGreaterThan(0);
        read.ShouldBeGreaterThan(0, "some mutations (a changed digit in a name or value) still read");
    }

    [Fact]
    public void Mutated_configs_fail_only_with_the_format_error()
    {
        string text = File.ReadAllText(TorchReaderTests.FixturePath("pykan_mult_sym_f32_config.yml"));
        File.Copy(TorchReaderTests.FixturePath("pykan_mult_sym_f32_state"), Path.Combine(_dir, "m_state"));
        var rng = new Random(8);
        const string Alphabet = "-:[]{}'\"#&*!|>%@` \n0123456789.,xyzsin_^";
        int refused = 0;
        for (int n = 0; n < 300; n++)
        {
            char[] chars = text.ToCharArray();
            var list = chars.ToList();
            for (int m = 1 + rng.Next(3); m > 0; m--)
            {
                int at = rng.Next(list.Count);
                switch (rng.Next(3))
                {
                    case 0: list[at] = Alphabet[rng.Next(Alphabet.Length)]; break;
                    case 1: list.RemoveAt(at); break;
                    default: list.Insert(at, Alphabet[rng.Next(Alphabet.Length)]); break;
                }
            }

            File.WriteAllText(Path.Combine(_dir, "m_config.yml"), new string(list.ToArray()));
            try
            {
                PykanImporter.Import(Path.Combine(_dir, "m"));
            }
            catch (KanFormatException)
            {
                refused++;
            }
            catch (TorchFormatException)
            {
                refused++; // a config that no longer matches the state's shapes
            }
        }

        refused.ShouldBeGreaterThan(0);
    }

    /// <summary>Reads the mutant as the fixture's importer would; true when it read, false when refused with the format error.</summary>
    private bool Outcome(byte[] mutant, string fixture)
    {
        try
        {
            using var stream = new MemoryStream(mutant);
            KanModel? model = null;
            if (fixture.StartsWith("pykan", StringComparison.Ordinal))
            {
                string config = TorchReaderTests.FixturePath(fixture.Replace("_state", "_config.yml", StringComparison.Ordinal));
                model = PykanCheckpoint.Read(File.ReadAllText(config), config, stream, "mutant_state", new PykanImportOptions()).Model;
            }
            else if (fixture.StartsWith("ekan", StringComparison.Ordinal))
            {
                model = EfficientKanImporter.Import(stream, "mutant.pt").Model;
            }
            else
            {
                TorchFile.ReadStateDict(stream, "mutant.pt");
            }

            if (model is not null)
            {
                KanFile.Parse(KanFile.ToText(model), "imported.kan"); // what imports is a valid .kan model
            }

            return true;
        }
        catch (TorchFormatException)
        {
            return false;
        }
    }

    private static byte[] Mutate(byte[] original, Random rng)
    {
        var bytes = original.ToList();
        for (int m = 1 + rng.Next(4); m > 0 && bytes.Count > 0; m--)
        {
            int at = rng.Next(bytes.Count);
            switch (rng.Next(5))
            {
                case 0: bytes[at] ^= (byte)(1 << rng.Next(8)); break;
                case 1: bytes[at] = (byte)rng.Next(256); break;
                case 2: bytes.RemoveAt(at); break;
                case 3: bytes.Insert(at, (byte)rng.Next(256)); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break; // truncate
            }
        }

        return bytes.ToArray();
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }
}
