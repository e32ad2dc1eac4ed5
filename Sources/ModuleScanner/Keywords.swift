/// Maps the bytes of a name to its keyword kind, or `.name`, without allocating: the name's
/// bytes are packed little-endian into one integer and matched per length.
enum Keywords {
    @inline(__always)
    /// `readable` is how many bytes from `bytes` lie inside the buffer (at least `count`).
    static func kind(_ bytes: UnsafePointer<UInt8>, count: Int, readable: Int) -> TokenKind {
        guard count >= 2, count <= 8 else { return .name }
        var word: UInt64 = 0
        if readable >= 8 {
            word = UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self).littleEndian
            if count < 8 { word &= (1 &<< UInt64(count &* 8)) &- 1 }
        } else {
            var index = count &- 1
            while index >= 0 {
                word = (word &<< 8) | UInt64(bytes[index])
                index &-= 1
            }
        }
        switch count {
        case 2:
            switch word {
            case 0x7361: return .kwAs  // as
            case 0x6669: return .kwIf  // if
            case 0x6E69: return .kwIn  // in
            case 0x7369: return .kwIs  // is
            case 0x726F: return .kwOr  // or
            default: return .name
            }
        case 3:
            switch word {
            case 0x646E61: return .kwAnd  // and
            case 0x666564: return .kwDef  // def
            case 0x6C6564: return .kwDel  // del
            case 0x726F66: return .kwFor  // for
            case 0x746F6E: return .kwNot  // not
            case 0x797274: return .kwTry  // try
            default: return .name
            }
        case 4:
            switch word {
            case 0x656E6F4E: return .kwNone  // None
            case 0x65757254: return .kwTrue  // True
            case 0x66696C65: return .kwElif  // elif
            case 0x65736C65: return .kwElse  // else
            case 0x6D6F7266: return .kwFrom  // from
            case 0x73736170: return .kwPass  // pass
            case 0x68746977: return .kwWith  // with
            default: return .name
            }
        case 5:
            switch word {
            case 0x65736C6146: return .kwFalse  // False
            case 0x636E797361: return .kwAsync  // async
            case 0x7469617761: return .kwAwait  // await
            case 0x6B61657262: return .kwBreak  // break
            case 0x7373616C63: return .kwClass  // class
            case 0x6573696172: return .kwRaise  // raise
            case 0x656C696877: return .kwWhile  // while
            case 0x646C656979: return .kwYield  // yield
            default: return .name
            }
        case 6:
            switch word {
            case 0x747265737361: return .kwAssert  // assert
            case 0x747065637865: return .kwExcept  // except
            case 0x6C61626F6C67: return .kwGlobal  // global
            case 0x74726F706D69: return .kwImport  // import
            case 0x6164626D616C: return .kwLambda  // lambda
            case 0x6E7275746572: return .kwReturn  // return
            default: return .name
            }
        case 7:
            switch word {
            case 0x796C6C616E6966: return .kwFinally  // finally
            default: return .name
            }
        case 8:
            switch word {
            case 0x65756E69746E6F63: return .kwContinue  // continue
            case 0x6C61636F6C6E6F6E: return .kwNonlocal  // nonlocal
            default: return .name
            }
        default:
            return .name
        }
    }
}
