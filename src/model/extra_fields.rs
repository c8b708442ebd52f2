//! `Deserialize` for structs that keep unknown fields.
//!
//! `#[serde(flatten)]` would keep them too, but on deserialisation it buffers the whole object
//! first, which loses the line, column and JSON path of errors inside it and parses twice. This
//! macro generates the same visitor serde's derive would, sending unknown keys to `extra`.
//! (Serialisation still uses the derive with `#[serde(flatten)]`, which streams.)

/// `deserialize_keeping_extra!(Type { required: a, b; defaulted: c = expr, d = expr })`.
/// JSON keys are the field names; the struct must have an `extra: ExtraFields` field.
macro_rules! deserialize_keeping_extra {
    ($ty:ident { required: $($req:ident),* ; defaulted: $($opt:ident = $default:expr),* $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct FieldsVisitor;
                impl<'de> serde::de::Visitor<'de> for FieldsVisitor {
                    type Value = $ty;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($ty), " object"))
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$ty, A::Error> {
                        use serde::de::Error as _;
                        $(let mut $req = None;)*
                        $(let mut $opt = None;)*
                        let mut extra = $crate::model::ExtraFields::new();
                        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                            match &*key {
                                $(stringify!($req) => {
                                    if $req.is_some() {
                                        return Err(A::Error::duplicate_field(stringify!($req)));
                                    }
                                    $req = Some(map.next_value()?);
                                })*
                                $(stringify!($opt) => {
                                    if $opt.is_some() {
                                        return Err(A::Error::duplicate_field(stringify!($opt)));
                                    }
                                    $opt = Some(map.next_value()?);
                                })*
                                _ => {
                                    let value = map.next_value()?;
                                    if extra.insert(key.into_owned(), value).is_some() {
                                        return Err(A::Error::custom("duplicate field"));
                                    }
                                }
                            }
                        }
                        Ok($ty {
                            $($req: $req.ok_or_else(|| A::Error::missing_field(stringify!($req)))?,)*
                            $($opt: $opt.unwrap_or_else(|| $default),)*
                            extra,
                        })
                    }
                }
                deserializer.deserialize_map(FieldsVisitor)
            }
        }
    };
}

pub(crate) use deserialize_keeping_extra;
