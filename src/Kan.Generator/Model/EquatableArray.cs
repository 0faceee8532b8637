using System;
using System.Collections;
using System.Collections.Generic;

namespace Kan.Generator.Model
{
    /// <summary>An immutable array with value equality, for pipeline values (arrays compare by reference).</summary>
    internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
        where T : IEquatable<T>
    {
        private readonly T[]? _items;

        public EquatableArray(T[] items)
        {
            _items = items;
        }

        public int Length => _items?.Length ?? 0;

        public T this[int index] => _items![index];

        public bool Equals(EquatableArray<T> other)
        {
            T[] a = _items ?? Array.Empty<T>();
            T[] b = other._items ?? Array.Empty<T>();
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            int hash = 17;
            foreach (T item in _items ?? Array.Empty<T>())
            {
                hash = hash * 31 + (item is null ? 0 : item.GetHashCode());
            }

            return hash;
        }

        public bool Contains(T item) => _items is not null && System.Array.IndexOf(_items, item) >= 0;

        public object?[] ToObjectArray()
        {
            T[] items = _items ?? Array.Empty<T>();
            var result = new object?[items.Length];
            Array.Copy(items, result, items.Length);
            return result;
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
