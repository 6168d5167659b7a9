-- A Lua 5.4 script run by tests/debian/run-arm64.sh twice: by Debian's
-- arm64 lua5.4 under tern-aarch64 and by the host's x86-64 lua5.4 (same
-- Debian version).  The outputs must be identical, byte for byte: nothing
-- printed may depend on addresses, time or table iteration order.
--
-- String operations and patterns, tables (array and hash parts, sort,
-- metatables), closures, coroutines, integers and floats.

local function section(name) io.write("\n== ", name, "\n") end

section("strings")
local s = "The quick brown fox jumps over the lazy dog"
print(#s, s:upper(), s:lower():rep(2, "|"))
print(s:sub(5, 9), s:sub(-3), s:byte(1, 3), s:find("fox"), s:find("o", 20, true))
print(s:gsub("%w+", function(w) return w:reverse() end))
print(s:gsub("(%w+) (%w+)", "%2 %1", 2))
for k, v in string.gmatch("a=1, bb=22, ccc=333", "(%w+)=(%w+)") do io.write(k, ":", v, ";") end
print()
print(string.format("%5d|%-5s|%05.1f|%x|%X|%o|%q|%g|%e|%a", 42, "ab", 3.14159, 255, 48879, 8, "a\nb\0c", 1e20, 12345.6789, 1.0))
print(string.format("%.14g %.17g %.3f %10.4f %-10.2e|", math.pi, 0.1, 2 / 3, -1 / 7, 6.02e23))
print(("x"):rep(0), ("ab"):rep(3, ","), ("hello"):len(), #"\u{4e2d}\u{6587}", utf8.len("\u{4e2d}\u{6587}"))
print(string.pack("<i4 d z", -2, 1.5, "hi"):byte(1, -1))
print(string.unpack(">I2 i8", "\1\2\255\255\255\255\255\255\255\254"))
print(table.concat({ "a", "b", "c" }, "-"), tostring(nil), tostring(1e15), tostring(1e16), tostring(-0.0))
print(("%d items"):format(3), ("  trim me  "):match("^%s*(.-)%s*$") .. "|", ("key = value"):match("^(%w+)%s*=%s*(%w+)$"))

section("tables")
local t = {}
for i = 1, 1000 do t[i] = (i * 7919) % 1009 end
table.sort(t)
print(#t, t[1], t[500], t[1000])
table.sort(t, function(a, b) return a > b end)
print(t[1], t[2], t[1000])
table.insert(t, 1, -1); table.remove(t, 2); table.insert(t, 99)
print(#t, t[1], t[#t], select("#", table.unpack(t, 1, 10)))
local h = {}
for i = 1, 500 do h["key" .. i] = i * i end
local keys = {}
for k in pairs(h) do keys[#keys + 1] = k end
table.sort(keys)
print(#keys, keys[1], keys[#keys], h.key250, h["key500"])
local sum = 0
for _, v in ipairs({ 1, 2, 3, nil, 5 }) do sum = sum + v end
print(sum, next({}), rawlen({ 1, 2, 3 }), table.move({ 1, 2, 3 }, 1, 3, 2)[3])

local Vec = {}
Vec.__index = Vec
function Vec.new(x, y) return setmetatable({ x = x, y = y }, Vec) end
function Vec.__add(a, b) return Vec.new(a.x + b.x, a.y + b.y) end
function Vec.__mul(a, k) return Vec.new(a.x * k, a.y * k) end
function Vec.__eq(a, b) return a.x == b.x and a.y == b.y end
function Vec.__tostring(v) return "(" .. v.x .. ", " .. v.y .. ")" end
function Vec.__len(v) return math.sqrt(v.x * v.x + v.y * v.y) end
function Vec:dot(o) return self.x * o.x + self.y * o.y end
local a, b = Vec.new(3, 4), Vec.new(1.5, -2)
print(tostring(a + b), tostring(a * 2), #a, a:dot(b), a == Vec.new(3, 4), rawequal(a, Vec.new(3, 4)))
local default = setmetatable({}, { __index = function(_, k) return k .. "?" end })
print(default.foo, default[1])

section("closures")
local function counter()
    local n = 0
    return function(k) n = n + (k or 1); return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c1(10), c2(), c1())
local fns = {}
for i = 1, 5 do fns[i] = function() return i * i end end
print(fns[1](), fns[3](), fns[5]())
local function memo(f)
    local cache = {}
    return function(n)
        local v = cache[n]
        if v == nil then v = f(n); cache[n] = v end
        return v
    end
end
local fib
fib = memo(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
print(fib(50), fib(90))
local function slowfib(n) if n < 2 then return n end return slowfib(n - 1) + slowfib(n - 2) end
print(slowfib(24))
print(pcall(error, { code = 42 }), select(2, pcall(error, "boom", 0)))
print(select(2, xpcall(function() local x = nil; return x.y end, function(m) return "handled: " .. m:gsub("^.-:%d+: ", "") end)))

section("coroutines")
local gen = coroutine.wrap(function()
    for i = 1, 3 do coroutine.yield(i, i * i) end
    return "done"
end)
print(gen()); print(gen()); print(gen()); print(gen())
local function producer()
    return coroutine.create(function()
        for _, w in ipairs({ "alpha", "beta", "gamma", "delta" }) do coroutine.yield(w) end
    end)
end
local function filter(p)
    return coroutine.create(function()
        while true do
            local ok, w = coroutine.resume(p)
            if not w then break end
            if #w == 5 then coroutine.yield(w:upper()) end
        end
    end)
end
local f = filter(producer())
while true do
    local ok, w = coroutine.resume(f)
    if not w then break end
    io.write(w, " ")
end
print(coroutine.status(f))
local co = coroutine.create(function(x, y)
    local z = coroutine.yield(x + y)
    local w = coroutine.yield(z * 2)
    error("stop at " .. w)
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 10))
print(select(2, coroutine.resume(co, 7)):gsub("^.-:%d+: ", ""), coroutine.status(co))
print(coroutine.isyieldable(), coroutine.running() ~= nil)

section("numbers")
print(math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger, 7 // 2, -7 // 2, 7 % -3, -7 % 3)
print(7 / 2, 2 ^ 53, 2 ^ 53 + 1, 1e308 * 10, -1e308 * 10, 0 / 0 ~= 0 / 0, math.type(1), math.type(1.0), math.type("1"))
print(3 | 5, 3 & 5, 3 ~ 5, ~0, 1 << 63, 1 << 64, -1 >> 1, 5 // 0.0, -5 % 0.0 ~= -5 % 0.0)
print(math.sqrt(2), math.sin(1), math.cos(1), math.tan(0.5), math.atan(1, -1), math.exp(1), math.log(10), math.log(8, 2))
print(math.floor(-2.5), math.ceil(-2.5), math.fmod(-7, 3), math.fmod(7.5, -2), math.abs(math.mininteger), math.ult(1, -1))
print(math.tointeger(3.0), math.tointeger(3.5), 3 == 3.0, 1e100 // 1, string.format("%.0f", 2 ^ 63), math.huge, -math.huge)
print(tonumber("0x10"), tonumber("1e2"), tonumber("  12  "), tonumber("z", 36), tonumber("7fffffffffffffff", 16), tonumber("1.5e-3"))
print(8 // 3 * 3 + 8 % 3, 2 ^ -1074, 2 ^ -1075, 1 / 3 * 3 == 1, 0.1 + 0.2, 100000000000000, 2 ^ 63 == math.mininteger * -1.0)
local acc = 0.0
for i = 1, 100000 do acc = acc + 1 / (i * i) end
print(acc, math.sqrt(acc * 6))
local x = 0
for i = 1, 100000 do x = (x * 1103515245 + 12345) & 0x7fffffff end
print(x)
local mand = {}
for py = 0, 11 do
    local row = {}
    for px = 0, 39 do
        local cr, ci = px / 16 - 1.75, py / 6 - 1
        local zr, zi, n = 0.0, 0.0, 0
        while n < 60 and zr * zr + zi * zi < 4 do
            zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
            n = n + 1
        end
        row[#row + 1] = n == 60 and "#" or string.sub(" .:-=+*%@", n % 9 + 1, n % 9 + 1)
    end
    mand[#mand + 1] = table.concat(row)
end
print(table.concat(mand, "\n"))
