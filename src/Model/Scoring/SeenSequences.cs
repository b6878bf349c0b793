using System.Numerics;

namespace Streaming.Model.Scoring;

/// <summary>
/// The band-sequence keys one <see cref="NoveltyDetector"/> length has seen, as a set of longs. Keys of length L lie in
/// [0, (levels + 2)^L); while that space is small (512 keys at length 3 with the defaults) it is a bit set: a few dozen
/// bytes per series instead of a hash set that grows to ~10 KB, and one memory read per lookup instead of several,
/// once per point and length. A key outside the space (only from a restored state) turns it into a hash set, so the
/// set's contents are exactly what was added either way. A mutable struct, so that a series' lengths cost one array of
/// them and no object header each: its owner keeps it in an array element or field and calls it there, never on a copy.
/// </summary>
internal struct SeenSequences
{
    // Bit sets up to this many keys (512 bytes); beyond, a hash set holds only what was seen.
    private const long MaxBits = 4096;

    private ulong[]? _bits;
    private HashSet<long>? _set;

    /// <summary>An empty set for keys in [0, <paramref name="keySpace"/>).</summary>
    public SeenSequences(long keySpace)
    {
        if (keySpace is > 0 and <= MaxBits)
        {
            _bits = new ulong[(keySpace + 63) / 64];
        }
        else
        {
            _set = [];
        }
    }

    /// <summary>Adds <paramref name="key"/>; true when it was not there before.</summary>
    public bool Add(long key)
    {
        if (_bits is { } bits && key >= 0 && key < (long)bits.Length * 64)
        {
            ref var word = ref bits[key >> 6];
            var mask = 1UL << (int)(key & 63);
            var fresh = (word & mask) == 0;
            word |= mask;
            return fresh;
        }

        return ToSet().Add(key);
    }

    /// <summary>The keys in ascending order.</summary>
    public readonly long[] Sorted()
    {
        if (_set is not null)
        {
            return [.. _set.Order()];
        }

        var keys = new List<long>();
        for (var w = 0; w < _bits!.Length; w++)
        {
            for (var word = _bits[w]; word != 0; word &= word - 1)
            {
                keys.Add((w * 64L) + BitOperations.TrailingZeroCount(word));
            }
        }

        return [.. keys];
    }

    /// <summary>Makes the set exactly <paramref name="keys"/>.</summary>
    public void ReplaceWith(IEnumerable<long> keys)
    {
        if (_bits is not null)
        {
            Array.Clear(_bits);
        }

        _set?.Clear();
        foreach (var key in keys)
        {
            Add(key);
        }
    }

    private HashSet<long> ToSet()
    {
        if (_set is null)
        {
            _set = [.. Sorted()];
            _bits = null;
        }

        return _set;
    }
}
