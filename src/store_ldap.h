/* store_ldap.h: the entries a directory store keeps, written as LDIF for slapadd. */
#ifndef STORE_LDAP_H
#define STORE_LDAP_H

#include <stdio.h>

struct store;

/* Writes one attribute's value, encoded as LDIF must (output.c). */
typedef void ldif_attr_fn(FILE *fp, const char *name, const char *value);

/*
 * Non-zero if id can name an entry (employeeNumber=ID): digits alone, as
 * the directory store gives and requires.
 */
int ldap_plain_id(const char *id);
/*
 * A contactsColumn value, NAME=VALUE, for a column of the store no
 * attribute stands for: '=' and '\' in the name escaped by '\'. Caller
 * frees.
 */
char *ldap_column_pair(const char *name, const char *value);
/*
 * The value of a contactsColumn NAME=VALUE, its name left unescaped at
 * nv; NULL, when there is no '=' or no name.
 */
char *ldap_column_split(char *nv);
/*
 * Row of st as the entry a directory store under base keeps for it: the
 * same attributes an add through the store writes.
 */
void ldap_entry_write(FILE *fp, const struct store *st, size_t row,
    const char *base, ldif_attr_fn *attr);
/* The store's own entry, cn=contacts under base: last_id, the columns. */
void ldap_store_entry_write(FILE *fp, const struct store *st,
    unsigned long last_id, const char *base, ldif_attr_fn *attr);

#endif
