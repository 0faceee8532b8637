using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Kan.Interop.Torch
{
    /// <summary>
    /// Reads the state dicts <c>torch.save</c> writes (zip format, torch 1.6 to 2.x) without Python and without
    /// executing anything: the pickle is interpreted by <see cref="PickleMachine"/> against an allowlist of globals.
    /// Every failure, whether a hostile global, a truncated archive or a tensor larger than its storage, is a
    /// <see cref="TorchFormatException"/> naming the file.
    /// </summary>
    public static class TorchFile
    {
        /// <summary>Reads the state dict (an <c>OrderedDict</c> of tensors) saved in <paramref name="path"/>.</summary>
        public static TorchStateDict ReadStateDict(string path)
        {
            using var stream = File.OpenRead(path);
            return ReadStateDict(stream, path);
        }

        /// <summary>Reads a state dict from a seekable stream; <paramref name="fileName"/> is used in error messages.</summary>
        public static TorchStateDict ReadStateDict(Stream stream, string fileName)
        {
            object root = ReadObject(stream, fileName);
            return new TorchStateDict(fileName, Tensors(root, fileName));
        }

        /// <summary>The value pickled in the archive (tensors become <see cref="TorchTensor"/>s): for callers that read the file's structure.</summary>
        internal static object ReadObject(Stream stream, string fileName)
        {
            using TorchArchive archive = TorchArchive.Open(stream, fileName);
            bool bigEndian = ByteOrder(archive);
            var storages = new Dictionary<string, StorageRef>(StringComparer.Ordinal);

            // Tensors may share a storage (views, tied weights), so many small rebuilds could each copy one large
            // storage: the elements copied out in total are bounded by the archive's size.
            long budget = Math.Max(4 * archive.ArchiveLength, 1 << 20);

            object PersistentLoad(PyTuple pid, Func<string, Exception> error)
            {
                var p = pid.Items;
                if (p.Length != 5 || p[0] is not "storage")
                {
                    throw error("a persistent id must be ('storage', type, key, location, numel), found " + PickleMachine.Describe(pid));
                }

                if (p[1] is not PyGlobal { Kind: TorchGlobal.StorageClass } type || p[2] is not string key || p[4] is not long numel || numel < 0)
                {
                    throw error("a storage persistent id needs a storage class, a string key and a non-negative element count");
                }

                if (storages.TryGetValue(key, out var known))
                {
                    return known.DType == type.StorageType ? known : throw error("storage '" + key + "' is used with two dtypes");
                }

                long length = archive.Length("data/" + key);
                long expected = numel > long.MaxValue / 8 ? -2 : numel * TorchDTypes.Size(type.StorageType);
                if (length != expected)
                {
                    throw error(length < 0
                        ? "storage '" + key + "' has no entry 'data/" + key + "' in the archive"
                        : "storage '" + key + "' claims " + numel + " " + type.StorageType + " elements (" + (expected < 0 ? "too many" : expected + " bytes") +
                          ") but its entry holds " + length + " bytes");
                }

                var storage = new StorageRef(type.StorageType, key, numel, archive.Read("data/" + key));
                storages[key] = storage;
                return storage;
            }

            object Call(PyGlobal global, PyTuple args, Func<string, Exception> error)
            {
                var a = args.Items;
                switch (global.Kind)
                {
                    case TorchGlobal.OrderedDict when a.Length == 0:
                        return new PyDict();
                    case TorchGlobal.RebuildTensor when a.Length == 4 && a[0] is StorageRef s:
                        return Spend(TensorRebuild.Rebuild(s, a[1], a[2], a[3], bigEndian, error), error);
                    case TorchGlobal.RebuildTensorV2 when a.Length is 6 or 7 && a[0] is StorageRef s:
                        return Spend(TensorRebuild.Rebuild(s, a[1], a[2], a[3], bigEndian, error), error);
                    case TorchGlobal.RebuildParameter when a.Length == 3 && a[0] is TorchTensor t:
                        return t;
                    case TorchGlobal.RebuildParameterWithState when a.Length == 4 && a[0] is TorchTensor t:
                        return t;
                    default:
                        throw error("unexpected call " + global + "(" + string.Join(", ", a.Select(PickleMachine.Describe)) + ")");
                }
            }

            TorchTensor Spend(TorchTensor tensor, Func<string, Exception> error)
            {
                budget -= tensor.Values.Length;
                return budget >= 0 ? tensor : throw error("the tensors copy out more elements in total than a file of " + archive.ArchiveLength +
                                                          " bytes can hold (views of one storage repeated?)");
            }

            byte[] code = archive.Read("data.pkl");
            return new PickleMachine(code, fileName, archive.Prefix + "/data.pkl", PersistentLoad, Call).Run();
        }

        private static bool ByteOrder(TorchArchive archive)
        {
            if (!archive.Has("byteorder"))
            {
                return false; // torch before 1.13 wrote no byteorder entry: little-endian
            }

            if (archive.Length("byteorder") > 16)
            {
                throw new TorchFormatException(archive.FileName, "entry 'byteorder' is too long");
            }

            string order = Encoding.ASCII.GetString(archive.Read("byteorder")).Trim();
            return order switch
            {
                "little" => false,
                "big" => true,
                _ => throw new TorchFormatException(archive.FileName, "entry 'byteorder' says '" + order + "'; expected 'little' or 'big'"),
            };
        }

        private static List<KeyValuePair<string, TorchTensor>> Tensors(object root, string fileName)
        {
            if (root is not PyDict dict)
            {
                throw new TorchFormatException(fileName, "the file holds " + PickleMachine.Describe(root) + ", not a state dict (a dict of tensors)");
            }

            // Training checkpoints often wrap the state dict: {'epoch': 5, 'state_dict': {...}, 'optimizer': {...}}.
            if (dict.Items.Any(kv => kv.Value is not TorchTensor))
            {
                foreach (string wrapper in new[] { "state_dict", "model_state_dict", "model" })
                {
                    var inner = dict.Items.FirstOrDefault(kv => kv.Key is string k && k == wrapper).Value;
                    if (inner is PyDict)
                    {
                        return Tensors(inner, fileName);
                    }
                }
            }

            var result = new List<KeyValuePair<string, TorchTensor>>(dict.Items.Count);
            foreach (var kv in dict.Items)
            {
                if (kv.Key is not string name || kv.Value is not TorchTensor tensor)
                {
                    throw new TorchFormatException(fileName, "entry " + PickleMachine.Describe(kv.Key) + " holds " + PickleMachine.Describe(kv.Value) +
                                                             ", not a tensor: the file is not a state dict (a dict of tensors)");
                }

                result.Add(new KeyValuePair<string, TorchTensor>(name, tensor));
            }

            return result;
        }
    }
}
