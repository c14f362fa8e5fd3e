/* config.h: the user's settings file, $XDG_CONFIG_HOME/contacts/config. */
#ifndef CONFIG_H
#define CONFIG_H

struct errors;

/* What the file says; NULL for what it does not. */
struct config {
	char *path;		/* the file read; NULL if there is none */
	char *store;		/* store LOCATION */
	char *bind_dn;		/* ldap-bind-dn DN */
	char *password_file;	/* ldap-password-file PATH */
	char *ca_file;		/* ldap-ca-file PATH */
	char *starttls;		/* ldap-starttls yes|no */
	char *id_step;		/* ldap-id-step N */
	char *id_offset;	/* ldap-id-offset N */
	char *timeout;		/* ldap-timeout SECONDS */
};

/*
 * Reads $XDG_CONFIG_HOME/contacts/config (~/.config/contacts/config):
 * "KEY VALUE" lines, '#' comments. A file that is not there is no
 * error. 0, or ST_DATA with "FILE:LINE: what" in errs, or ST_SYSTEM.
 */
int config_load(struct config *cf, struct errors *errs);
void config_release(struct config *cf);

#endif
