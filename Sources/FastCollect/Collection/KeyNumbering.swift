extension Dictionary where Value == Int {
    /// The number of `key`, numbering keys from 0 in the order they are first asked for, and
    /// whether it was numbered now.
    mutating func number(of key: Key) -> (number: Int, isNew: Bool) {
        if let known = self[key] { return (known, false) }
        let number = count
        self[key] = number
        return (number, true)
    }
}
