using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Kan.Interop;
using Kan.Interop.Torch;
using static Kan.Runtime.Tests.Interop.Torch.HostileTorchFiles;

namespace Kan.Runtime.Tests.Interop.Torch;

/// <summary>
/// Hostile and broken files are refused with a <see cref="TorchFormatException"/> that says why, before anything is
/// executed or allocated; none of them escapes as another exception.
/// </summary>
public class HostileTorchFileTests
{
    private static readonly string Sentinel = Path.Combine(Path.GetTempPath(), "kan-pwned-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string, byte[], string> Files => new()
    {
        {
            "reduce to os.system",
            Zip(Pickle(Global("os", "system"), "touch " + Sentinel, (byte)0x85, 'R', '.')),
            "refused the Python global 'os.system'"
        },
        {
            "reduce to posix.system (what os.system pickles as)",
            Zip(Pickle(Global("posix", "system"), "touch " + Sentinel, (byte)0x85, 'R', '.')),
            "refused the Python global 'posix.system'"
        },
        {
            "builtins.eval through STACK_GLOBAL (protocol 4)",
            Zip(Pickle("builtins", "eval", (byte)0x93, "__import__('os').system('touch " + Sentinel + "')", (byte)0x85, 'R', '.')),
            "refused the Python global 'builtins.eval'"
        },
        {
            "getattr hidden inside a state dict",
            Zip(Pickle(Global("collections", "OrderedDict"), ')', 'R', "w", Global("builtins", "getattr"), 's', '.')),
            "refused the Python global 'builtins.getattr'"
        },
        {
            "an allowlisted storage class called as a function",
            Zip(Pickle(Global("torch", "FloatStorage"), ')', 'R', '.')),
            "unexpected call torch.FloatStorage()"
        },
        {
            "an object built with NEWOBJ",
            Zip(Pickle(Global("torch._utils", "_rebuild_tensor_v2"), ')', (byte)0x81, '.')),
            "cannot create an instance of torch._utils._rebuild_tensor_v2"
        },
        {
            "INST opcode (protocol 0 object creation)",
            Zip(Pickle('i', Encoding.ASCII.GetBytes("os\nsystem\n"), '.')),
            "opcode 0x69 (INST) is not one a state dict uses"
        },
        {
            "huge claimed shape (2^31-1 squared) on a 5-element storage",
            StateDict(new[] { int.MaxValue, int.MaxValue }, new[] { int.MaxValue, 1 }, 0, 5, 5),
            "reaches element"
        },
        {
            "huge shape broadcast with zero strides",
            StateDict(new[] { int.MaxValue, int.MaxValue }, new[] { 0, 0 }, 0, 5, 5),
            "has more elements (4611686014132420609) than its storage '0' (5)"
        },
        {
            "view past the end of its storage",
            StateDict(new[] { 2, 3 }, new[] { 3, 1 }, 1, 6, 6),
            "reaches element 6 but its storage '0' holds 6"
        },
        {
            "negative storage offset",
            StateDict(new[] { 2 }, new[] { 1 }, -4, 6, 6),
            "storage offset -4 is negative"
        },
        {
            "storage shorter than claimed",
            StateDict(new[] { 1000 }, new[] { 1 }, 0, 1000, 5),
            "storage '0' claims 1000 Float64 elements (8000 bytes) but its entry holds 40 bytes"
        },
        {
            "storage claiming 2^62 elements",
            Zip(Pickle('(', "storage", Global("torch", "DoubleStorage"), "0", "cpu", (byte)0x8a, (byte)8, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x40 }, 't', 'Q', '.'), ("data/0", new byte[8])),
            "(too many) but its entry holds 8 bytes"
        },
        {
            "storage entry missing",
            Zip(Pickle('(', "storage", Global("torch", "DoubleStorage"), "7", "cpu", 1, 't', 'Q', '.')),
            "storage '7' has no entry 'data/7' in the archive"
        },
        {
            "string claiming 2^60 bytes",
            Zip(Pickle((byte)0x8d, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x10 }, '.')),
            "a value claims 1152921504606846976 bytes but only 1 are left"
        },
        {
            "zip entry claiming 2 GB from a few bytes",
            ClaimSize(Zip(Pickle('N', '.')), "archive/data.pkl", 0x7FFFFFF0),
            "entry 'archive/data.pkl' claims 2147483632 bytes from 4 stored"
        },
        {
            "zip entry claiming 2 GB stored in a file of a few hundred bytes",
            ClaimSize(Zip(Pickle('N', '.')), "archive/data.pkl", 0x7FFFFFF0, 0x7FFFFFF0),
            "entry 'archive/data.pkl' claims 2147483632 bytes from 2147483632 stored"
        },
        {
            "one storage copied out by many views",
            SharedStorage(8, 300_000),
            "the tensors copy out more elements in total than a file of"
        },
        {
            "pickle without STOP",
            Zip(Pickle(Global("collections", "OrderedDict"), ')', 'R')),
            "the pickle ends early"
        },
        {
            "memo read that was never stored",
            Zip(Pickle('h', (byte)9, '.')),
            "memo entry 9 was never stored"
        },
        {
            "unbalanced stack",
            Zip(Pickle('N', 'N', '.')),
            "still on its stack"
        },
        {
            "a single tensor instead of a dict",
            Zip(Pickle('N', '.')),
            "the file holds None, not a state dict"
        },
        {
            "a dict holding a number",
            Zip(Pickle('}', "epoch", 5, 's', '.')),
            "entry 'epoch' holds 5, not a tensor"
        },
        {
            "unsupported pickle protocol",
            Zip(new byte[] { 0x80, 9, (byte)'N', (byte)'.' }),
            "pickle protocol 9 is not supported"
        },
        {
            "zip without data.pkl",
            RawZip(new[] { ("model/weights.bin", new byte[16]) }),
            "without a '<prefix>/data.pkl' entry"
        },
        {
            "empty file",
            Array.Empty<byte>(),
            "the file is empty"
        },
        {
            "a text file",
            Encoding.ASCII.GetBytes("width: [2, 5, 1]\n"),
            "not a torch file: torch.save writes a zip archive (starting with 'PK'), this starts with bytes 77 69 64 74"
        },
        {
            "big-endian byteorder that is neither",
            Zip(Pickle('N', '.'), ("byteorder", Encoding.ASCII.GetBytes("middle"))),
            "entry 'byteorder' says 'middle'"
        },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Hostile_and_broken_files_are_refused_with_a_reason(string what, byte[] file, string reason)
    {
        using var stream = new MemoryStream(file);
        var e = Should.Throw<TorchFormatException>(() => TorchFile.ReadStateDict(stream, "bad.pt"), what);
        e.Message.ShouldStartWith("bad.pt: ");
        e.Detail.ShouldContain(reason, Case.Sensitive, what);
        File.Exists(Sentinel).ShouldBeFalse("nothing runs");
    }

    [Fact]
    public void Refusing_a_global_says_to_save_a_state_dict()
    {
        using var stream = new MemoryStream(Zip(Pickle(Global("os", "system"), "id", (byte)0x85, 'R', '.')));
        var e = Should.Throw<TorchFormatException>(() => TorchFile.ReadStateDict(stream, "evil.pt"));
        e.Message.ShouldBe("evil.pt: archive/data.pkl byte 2: refused the Python global 'os.system': a torch file is a program, and this reader accepts only the globals " +
                           "a state dict uses (OrderedDict, tensors, storages) and never imports or runs anything else. If this is your model, load it in Python " +
                           "and save its parameters: torch.save(model.state_dict(), PATH)");
    }

    [Theory]
    [InlineData("ekan_whole_module.pt", "refused the Python global 'efficient_kan.kan.KAN'")]
    [InlineData("legacy_format.pt", "a legacy torch file (a bare pickle, written by torch before 1.6 or with _use_new_zipfile_serialization=False)")]
    [InlineData("torchscript.pt", "a TorchScript archive (torch.jit.save), which holds code")]
    public void Real_files_that_are_not_state_dicts_are_refused(string file, string reason)
    {
        var e = Should.Throw<TorchFormatException>(() => TorchFile.ReadStateDict(TorchReaderTests.FixturePath(file)));
        e.Detail.ShouldContain(reason);
    }

    [Fact]
    public void A_truncated_archive_is_a_clear_error()
    {
        byte[] full = File.ReadAllBytes(TorchReaderTests.FixturePath("pykan_toy_f64_state"));
        foreach (int length in new[] { 3, 100, full.Length / 2, full.Length - 10 })
        {
            using var stream = new MemoryStream(full, 0, length);
            Should.Throw<TorchFormatException>(() => TorchFile.ReadStateDict(stream, "cut.pt")).Detail.ShouldContain("truncated or corrupt");
        }
    }

    [Theory]
    [InlineData("layers.0.grid", 3, double.NaN, "tensor 'layers.0.grid' holds NaN at flat index 3; a .kan model holds finite numbers only")]
    [InlineData("layers.1.spline_weight", 7, double.PositiveInfinity, "tensor 'layers.1.spline_weight' holds Infinity at flat index 7")]
    [InlineData("layers.0.grid", 14, -5.0, "tensor 'layers.0.grid' row 1 is not a grid: knot 2 is less than the knot before it")]
    public void Non_finite_parameters_and_unsorted_knots_are_refused(string tensor, int index, double value, string reason)
    {
        var sd = TorchFile.ReadStateDict(TorchReaderTests.FixturePath("ekan_3_4_2_f32.pt"));
        var changed = sd.Tensors.Select(kv => kv.Key != tensor ? kv : new KeyValuePair<string, TorchTensor>(
            kv.Key, new TorchTensor(TorchDType.Float64, kv.Value.Shape, kv.Value.Values.SetItem(index, value)))).ToList();
        using var stream = new MemoryStream();
        TorchWriter.WriteStateDict(stream, "changed", changed);
        stream.Position = 0;
        Should.Throw<TorchFormatException>(() => EfficientKanImporter.Import(stream, "changed.pt")).Detail.ShouldStartWith(reason);
    }

    [Fact]
    public void A_big_endian_file_is_read_as_big_endian()
    {
        byte[] storage = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteDoubleBigEndian(storage, 1.5);
        System.Buffers.Binary.BinaryPrimitives.WriteDoubleBigEndian(storage.AsSpan(8), -2.25);
        byte[] file = Zip(
            Pickle(Global("collections", "OrderedDict"), ')', 'R', '(', "w", Global("torch._utils", "_rebuild_tensor_v2"), '(',
                   '(', "storage", Global("torch", "DoubleStorage"), "0", "cpu", 2, 't', 'Q', 0, 2, (byte)0x85, 1, (byte)0x85, (byte)0x89, 'N', 't', 'R', 'u', '.'),
            ("data/0", storage),
            ("byteorder", Encoding.ASCII.GetBytes("big")));
        using var stream = new MemoryStream(file);
        TorchFile.ReadStateDict(stream, "be.pt").Values("w", 2).ShouldBe(new[] { 1.5, -2.25 });
    }
}
